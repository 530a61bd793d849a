package io.loopscope.ui.testing;

import io.loopscope.analysis.probe.Probe;
import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeSet;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.tasks.ProbeStates;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A model with a character tokenizer over a-z and space; optionally slow (for Cancel). It generates
 * the alphabet onwards from the prompt's last letter, each fed-back token at position p stopping
 * after 1 + 5p mod R steps (always R under exit none), so tests know every exit step.
 */
public final class FakeModel implements io.loopscope.ui.engine.LoadedModel {
    private final long millisPerStep;

    public FakeModel(long millisPerStep) {
        this.millisPerStep = millisPerStep;
    }

    @Override public String name() { return "fake"; }
    @Override public String description() { return "synthetic test model"; }
    @Override public boolean hasTokenizer() { return true; }

    @Override
    public long[] encode(String prompt) {
        if (prompt.isEmpty()) throw new IllegalArgumentException("the prompt is empty");
        long[] ids = new long[prompt.length()];
        for (int i = 0; i < ids.length; i++) {
            char c = prompt.charAt(i);
            if (c != ' ' && (c < 'a' || c > 'z')) throw new IllegalArgumentException("'" + c + "' is not in the vocabulary (a-z and space)");
            ids[i] = c == ' ' ? 26 : c - 'a';
        }
        return ids;
    }

    @Override
    public String tokenString(long id) {
        return id == 26 ? " " : id < 26 ? String.valueOf((char) ('a' + id)) : "<" + id + ">";
    }

    @Override
    public Trace trace(TraceRequest request, List<String> tokenStrings, IntConsumer progress, BooleanSupplier cancelled) {
        for (int i = 0; i <= request.iterations(); i++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled at step " + i);
            if (millisPerStep > 0) {
                try {
                    Thread.sleep(millisPerStep);
                } catch (InterruptedException e) {
                    throw new CancellationException("interrupted");
                }
            }
            progress.accept(i);
        }
        long seed = request.init() instanceof io.loopscope.inference.model.StateInit.Random r ? r.seed() : 0;
        return SyntheticTrace.make(request.ids(), new ArrayList<>(tokenStrings), request.iterations(), 8, request.topK(), seed, name());
    }

    @Override
    public Trace generate(GenerationRequest q, GenerationListener listener, BooleanSupplier cancelled) {
        long[] prompt = q.prompt();
        int p = prompt.length, r = q.iterations();
        int[] steps = new int[q.maxPositions()];
        long[] generated = new long[q.maxNewTokens()];
        Arrays.fill(steps, 0, p, r);
        think(p - 1, r, listener, cancelled);
        int count = 0, at = p - 1;
        String reason = "max-new-tokens";
        while (true) {
            long id = (prompt[p - 1] + count + 1) % 26;
            generated[count++] = id;
            listener.onToken(count - 1, id, at, steps[at]);
            String stop = stopReason(q.stop(), Arrays.copyOf(generated, count));
            if (stop != null) {
                reason = stop;
                break;
            }
            if (count == q.maxNewTokens()) break;
            int position = p + count - 1;
            steps[position] = exitStep(position, r, q.criterion());
            think(position, steps[position], listener, cancelled);
            at = position;
        }
        int positions = p + count - 1;
        long[] ids = Arrays.copyOf(prompt, positions);
        System.arraycopy(generated, 0, ids, p, positions - p);
        long[] all = Arrays.copyOf(generated, count);
        Generated g = new Generated(Arrays.copyOf(steps, positions), all, new Generated.Settings(p, q.criterion().id(), q.threshold(),
                q.sharing().id(), q.warmStart(), q.sampling().describe(), q.stop().strings(), reason, decode(all)));
        long seed = q.init() instanceof io.loopscope.inference.model.StateInit.Random rnd ? rnd.seed() : 0;
        return SyntheticTrace.withGeneration(SyntheticTrace.make(ids, tokenStrings(ids), r, 8, q.topK(), seed, name()), g);
    }

    /**
     * Ranks that agree with the synthetic lens: over a vocabulary of {@link #LENS_VOCAB}, the k-th
     * guess of the recorded top-k ranks k + 1 and every id follows the top one round the vocabulary.
     * Coda lens only (the synthetic trace has no logit lens), no layers, and like the engine none for a generation.
     */
    @Override
    public Trace.Ranks ranks(Trace trace, long[] ids, boolean layers, BooleanSupplier cancelled) {
        if (trace.generation() != null) throw new IllegalArgumentException("a generation's ranks cannot be read again (as the engine's RankReplay)");
        if (layers) throw new IllegalArgumentException("the fake records no layer states");
        int steps = trace.iterations() + 1, s = trace.tokenCount(), k = trace.lensTopkIds().shape()[2];
        int[] ranks = new int[steps * s * ids.length];
        for (int st = 0; st < steps; st++) {
            for (int t = 0; t < s; t++) {
                int top = trace.lensTopkIds().data()[(st * s + t) * k];
                for (int j = 0; j < ids.length; j++) ranks[(st * s + t) * ids.length + j] = (int) Math.floorMod(ids[j] - top, (long) LENS_VOCAB) + 1;
            }
        }
        return new Trace.Ranks(ids, new io.loopscope.inference.trace.IntTensor(new int[] {steps, s, ids.length}, ranks), null, null, null);
    }

    /** The vocabulary of the synthetic lens's ids. */
    public static final int LENS_VOCAB = 50;

    /** From this iteration on the fake's state carries a probe's label (one axis per class); before it, only noise. */
    public static final int PROBE_DECODABLE = 2;
    /** From this iteration on the fake's lens says every probe label. */
    public static final int PROBE_LENS = 3;
    /** From this iteration on the fake's state has settled: the iteration probe can no longer tell these apart. */
    public static final int PROBE_SETTLED = 3;

    /**
     * States of known decodability, fitted by the real probe: prompt q at iteration i is noise, plus
     * its label's axis from {@link #PROBE_DECODABLE} on, plus an axis of its own for each of the
     * iterations before {@link #PROBE_SETTLED} (one shared after it).
     */
    @Override
    public ProbeCurve probe(ProbeSettings settings, ProbeSet set, IntConsumer progress, BooleanSupplier cancelled) {
        int n = set.size(), r = settings.iterations(), k = set.classes().size(), h = k + PROBE_SETTLED + 1 + 4;
        int[] y = set.labels();
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[][][] x = new double[r + 1][n][h];
        boolean[][] lens = new boolean[r + 1][n];
        for (int q = 0; q < n; q++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled after " + q + " of " + n + " prompts");
            sleep();
            for (int i = 0; i <= r; i++) {
                for (int j = 0; j < h; j++) x[i][q][j] = random.nextGaussian();
                if (i >= PROBE_DECODABLE) x[i][q][y[q]] += 6;
                x[i][q][k + Math.min(i, PROBE_SETTLED)] += 6;
                lens[i][q] = i >= PROBE_LENS;
            }
            progress.accept(1);
        }
        int[] layers = probeLayers(settings) == 0 ? new int[0] : settings.layers().resolve(PROBE_LAYERS, name());
        if (layers.length == 0) return Probe.fit(settings, set, new ProbeStates.Collected(x, lens), progress);
        // the last layer is the block output; each layer before it is the block output of the iteration before
        double[][][][] lx = new double[r][layers.length][][];
        for (int i = 1; i <= r; i++) {
            for (int l = 0; l < layers.length; l++) lx[i - 1][l] = x[Math.max(0, i - (PROBE_LAYERS - 1 - layers[l]))];
        }
        return Probe.fit(settings, set, new ProbeStates.Collected(x, lens, layers, lx), progress);
    }

    /** The fake's loop layers: a probe may read each of them. */
    public static final int PROBE_LAYERS = 2;

    @Override
    public int probeLayers(ProbeSettings settings) {
        return settings.layers().resolve(PROBE_LAYERS, name()).length;
    }

    /** The step the fake's fed-back token at position stops at. */
    public static int exitStep(int position, int iterations, ExitCriterion criterion) {
        return criterion == ExitCriterion.NONE ? iterations : 1 + (5 * position) % iterations;
    }

    private static String stopReason(StopRule stop, long[] generated) {
        if (stop.endIds().contains(generated[generated.length - 1])) return "end-token";
        String text = stop.text().apply(generated);
        return stop.strings().stream().anyMatch(text::contains) ? "stop-string" : null;
    }

    private void think(int position, int steps, GenerationListener listener, BooleanSupplier cancelled) {
        for (int k = 1; k <= steps; k++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled at position " + position);
            sleep();
            listener.onStep(position, k);
        }
    }

    private void sleep() {
        if (millisPerStep <= 0) return;
        try {
            Thread.sleep(millisPerStep);
        } catch (InterruptedException e) {
            throw new CancellationException("interrupted");
        }
    }
}
