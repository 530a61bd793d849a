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
     * @param features  [R+1][N][H] the normalised latent of each question's position at each iteration
     * @param lensRight [R+1][N] the lens's top-1 there is the target
     */
    public record Collected(double[][][] features, boolean[][] lensRight) {
        /** Fraction of questions the lens answers at iteration i. */
        public double lensAccuracy(int iteration) {
            int right = 0;
            for (boolean b : lensRight[iteration]) if (b) right++;
            return right / (double) lensRight[iteration].length;
        }
    }

    private ProbeStates() {
    }

    /** s0 of question n is like-init from seed + n; progress hears each question done; cancelled is polled per question. */
    public static Collected collect(LoopedModel model, Tokenizer tokenizer, List<Question> questions, int iterations, long seed,
                                    IntConsumer progress, BooleanSupplier cancelled) {
        int n = questions.size();
        double[][][] features = new double[iterations + 1][n][];
        boolean[][] lensRight = new boolean[iterations + 1][n];
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
                features[step][at] = model.normalizedLatent(state).getRow(p).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
                lensRight[step][at] = model.decode(state).getRow(p).argMax().getLong(0) == target;
            });
            if (q % 16 == 15) System.gc(); // per-step native arrays are freed only when their handles are collected (see Evaluator)
            progress.accept(1);
        }
        return new Collected(features, lensRight);
    }
}
