package io.loopscope.inference.tasks;

import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tokenizer.Tokenizer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The states a probe reads: for each question (a prompt, the position asked about, the character
 * that answers there), the model's normalised latent at that position after every iteration 0..R,
 * and whether the lens already says the answer there — so a probe curve can be set against the
 * iteration at which the model's own read-out gets it right.
 */
public final class ProbeStates {

    /** One question: the state at position (0-based) of prompt should encode target. */
    public record Question(String prompt, int position, char target) {
        public Question {
            if (position < 0 || position >= prompt.length()) {
                throw new IllegalArgumentException("position " + position + " is outside the prompt \"" + prompt + "\"");
            }
        }
    }

    /**
     * @param features      [R+1][N][H] the normalised latent of each question's position at each iteration
     * @param lensRight     [R+1][N] the lens's top-1 there is the target
     * @param layers        the loop layers also read (0-based), empty for none
     * @param layerFeatures [R][L][N][H] the normalised output of layers[l] at iteration i+1 (iteration 0 is s_0,
     *                      which no layer made), null when no layer was read
     */
    public record Collected(double[][][] features, boolean[][] lensRight, int[] layers, double[][][][] layerFeatures) {
        public Collected {
            layers = layers.clone();
            if ((layers.length == 0) != (layerFeatures == null)) throw new IllegalArgumentException("layer features come with their layers");
        }

        /** The block output alone. */
        public Collected(double[][][] features, boolean[][] lensRight) {
            this(features, lensRight, new int[0], null);
        }

        /** Fraction of questions the lens answers at iteration i. */
        public double lensAccuracy(int iteration) {
            int right = 0;
            for (boolean b : lensRight[iteration]) if (b) right++;
            return right / (double) lensRight[iteration].length;
        }
    }

    private ProbeStates() {
    }

    /** The block output alone; see below. */
    public static Collected collect(LoopedModel model, Tokenizer tokenizer, List<Question> questions, int iterations, long seed,
                                    IntConsumer progress, BooleanSupplier cancelled) {
        return collect(model, tokenizer, questions, iterations, seed, new int[0], progress, cancelled);
    }

    /**
     * s0 of question n is like-init from seed + n; progress hears each question done; cancelled is polled per question.
     * Each of layers (0-based loop layers, checked against {@link LoopedModel#loopLayers}) is read too, normalised like
     * the block output, from the loop's own {@link io.loopscope.inference.model.LayerListener}.
     */
    public static Collected collect(LoopedModel model, Tokenizer tokenizer, List<Question> questions, int iterations, long seed,
                                    int[] layers, IntConsumer progress, BooleanSupplier cancelled) {
        int n = questions.size(), loopLayers = model.loopLayers();
        int[] slot = new int[Math.max(loopLayers, 0)];                                            // loop layer → its place in layers, or -1
        java.util.Arrays.fill(slot, -1);
        for (int l = 0; l < layers.length; l++) {
            if (layers[l] < 0 || layers[l] >= loopLayers) {
                throw new IllegalArgumentException("layer " + layers[l] + " is outside the model's " + loopLayers + " loop layers");
            }
            slot[layers[l]] = l;
        }
        double[][][] features = new double[iterations + 1][n][];
        boolean[][] lensRight = new boolean[iterations + 1][n];
        double[][][][] layerFeatures = layers.length == 0 ? null : new double[iterations][layers.length][n][];
        for (int q = 0; q < n; q++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled after " + q + " of " + n + " prompts");
            Question question = questions.get(q);
            long[] ids = tokenizer.encode(question.prompt());
            if (ids.length != question.prompt().length()) {
                throw new IllegalArgumentException("probe prompts must be one token per character: \"" + question.prompt() + "\" is " + ids.length + " tokens");
            }
            long target = tokenizer.encode(String.valueOf(question.target()))[0];
            INDArray e = model.embed(ids);                                                        // [S, H]
            INDArray s0 = model.startState(model.initialState(new StateInit.Random(seed + q), ids.length), e);
            int at = q, p = question.position();
            model.recur(s0, e, iterations, (step, state) -> {
                features[step][at] = row(model.normalizedLatent(state), p);
                lensRight[step][at] = model.decode(state).getRow(p).argMax().getLong(0) == target;
            }, layerFeatures == null ? null : (step, layer, output) -> {
                // output lives only during the call (the step's workspace): its row is copied out here
                if (layer >= 0 && layer < slot.length && slot[layer] >= 0) layerFeatures[step - 1][slot[layer]][at] = row(model.normalizedLatent(output), p);
            });
            if (layerFeatures != null) requireEveryLayer(layerFeatures, layers, at, model);
            if (q % 16 == 15) System.gc(); // per-step native arrays are freed only when their handles are collected (see Evaluator)
            progress.accept(1);
        }
        return layerFeatures == null ? new Collected(features, lensRight) : new Collected(features, lensRight, layers, layerFeatures);
    }

    private static double[] row(INDArray latent, int position) {
        return latent.getRow(position).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }

    /** A family whose loop does not report its layers leaves holes: say so rather than fit on nothing. */
    private static void requireEveryLayer(double[][][][] layerFeatures, int[] layers, int question, LoopedModel model) {
        for (int i = 0; i < layerFeatures.length; i++) {
            for (int l = 0; l < layers.length; l++) {
                if (layerFeatures[i][l][question] == null) {
                    throw new IllegalArgumentException("the " + model.family() + " model's loop reported no output of layer " + layers[l]
                            + " at iteration " + (i + 1) + ": it records no loop layers to probe");
                }
            }
        }
    }
}
