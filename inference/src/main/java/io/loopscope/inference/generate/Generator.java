package io.loopscope.inference.generate;

import io.loopscope.inference.exit.ExitCheck;
import io.loopscope.inference.exit.StepSignals;
import io.loopscope.inference.lens.LensStep;
import io.loopscope.inference.lens.LogitLens;
import io.loopscope.inference.model.KvCache;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.MemoryEstimate;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.Tracer;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Generation with a KV cache and per-token adaptive exit, recorded step by step.
 * <pre>
 *   prompt  ids [P]: every position runs R steps from s0 (no exit inside the prompt)
 *   then, until N tokens or a stop:
 *     id  = sample(logits of the last position)
 *     s   = warm ? final state of the previous position : s0 row      [1, H]
 *     for k = 1..R:  s = step(s, e);  lens = decode(s);  stop when the criterion fires
 * </pre>
 * The cache keeps every position's K/V per slot; a token stopped at k offers later tokens its
 * last step's K/V or nothing ({@link io.loopscope.inference.model.KvSharing}).
 */
public final class Generator {
    private final LoopedModel model;
    private final GenerationRequest request;
    private final GenerationListener listener;
    private final BooleanSupplier cancelled;
    private final int hidden, vocab, iterations;
    private final PositionRecord[] records;

    private Generator(LoopedModel model, GenerationRequest request, GenerationListener listener, BooleanSupplier cancelled) {
        this.model = model;
        this.request = request;
        this.listener = listener;
        this.cancelled = cancelled;
        this.hidden = model.hidden();
        this.vocab = model.vocab();
        this.iterations = request.iterations();
        this.records = new PositionRecord[request.maxPositions()];
    }

    /**
     * Generates and returns the recorded trace. listener hears every step and token; cancelled is
     * polled once per step, and a cancelled run throws {@link CancellationException}.
     */
    public static Trace run(Tracer.Subject subject, GenerationRequest request, LongFunction<String> tokenString, String version,
                            GenerationListener listener, BooleanSupplier cancelled) {
        LoopedModel model = subject.model();
        requireFits(model, request);
        long start = System.nanoTime();
        Generator generator = new Generator(model, request, listener, cancelled);
        GenerationRun run = generator.generate();
        long end = System.nanoTime();
        return new GenerationTrace(model, request, generator.records, run).toTrace(subject, tokenString, version, end - start);
    }

    /** The context and memory a request needs, checked before anything runs (run checks it again). */
    public static void requireFits(LoopedModel model, GenerationRequest request) {
        int prompt = request.prompt().length, context = model.contextLength();
        if (prompt > context) {
            throw new IllegalArgumentException("the prompt has " + prompt + " tokens but the model's context (block_size) is "
                    + context + "; shorten it");
        }
        if (request.maxPositions() > context) {
            throw new IllegalArgumentException("max-new-tokens " + request.maxNewTokens() + " does not fit: the prompt has " + prompt
                    + " tokens and the model's context is " + context + ", so at most " + (context - prompt + 1) + " new tokens fit");
        }
        if (request.init() instanceof StateInit.Given given) given.rows(0, s0Rows(request), model.hidden()); // enough rows, right width
        MemoryEstimate.of(request.maxPositions(), model.hidden(), model.vocab(), request.iterations(), request.topK(), request.fullLens())
                .requireFits(Runtime.getRuntime());
    }

    /** Rows of s0 a run reads: one per position that runs, or only the prompt's when warm-started. */
    private static int s0Rows(GenerationRequest request) {
        return request.warmStart() ? request.prompt().length : request.maxPositions();
    }

    /** What the loop produced beyond the position records. */
    record GenerationRun(long[] generated, int count, String stopReason, double promptMs, double generateMs) {
    }

    private GenerationRun generate() {
        long[] prompt = request.prompt();
        int p = prompt.length, maxNew = request.maxNewTokens();
        StateInit init = request.init();
        float[] s0 = init.rows(0, s0Rows(request), hidden);                                   // [rows·H]
        KvCache cache = model.newCache(request.maxPositions(), iterations, request.sharing());

        long start = System.nanoTime();
        INDArray e = model.embedAt(cache, prompt, 0);                                         // [P, H]
        INDArray last = think(cache, e, model.startState(rows(s0, 0, p), e), 0, p, null);    // [P, H]
        INDArray previous = last.getRow(p - 1).reshape(1, hidden);                            // [1, H]
        long prompted = System.nanoTime();

        Sampling.Sampler sampler = request.sampling().start();
        long[] generated = new long[maxNew];
        int count = 0, logitsAt = p - 1;
        String reason = "max-new-tokens";
        while (true) {
            long id = sampler.next(records[logitsAt].logits);
            generated[count++] = id;
            listener.onToken(count - 1, id, logitsAt, records[logitsAt].steps);
            String stop = request.stop().reason(generated, count);
            if (stop != null) {
                reason = stop;
                break;
            }
            if (count == maxNew) break;
            int position = p + count - 1;
            INDArray ePos = model.embedAt(cache, new long[] {id}, position);                  // [1, H]
            INDArray start0 = request.warmStart() ? previous.dup() : model.startState(rows(s0, position, 1), ePos); // [1, H]
            previous = think(cache, ePos, start0, position, 1, new ExitCheck(request.criterion(), request.threshold()));
            logitsAt = position;
        }
        long done = System.nanoTime();
        return new GenerationRun(generated, count, reason, (prompted - start) / 1e6, (done - prompted) / 1e6);
    }

    private INDArray rows(float[] s0, int first, int n) {
        float[] slice = java.util.Arrays.copyOfRange(s0, first * hidden, (first + n) * hidden);
        return StateInit.toArray(slice, n, hidden);
    }

    /**
     * Runs positions [from, from + n) from s, recording every step; with a check (one position),
     * stops at the first step it fires. Returns the final state [n, H].
     */
    private INDArray think(KvCache cache, INDArray e, INDArray s, int from, int n, ExitCheck check) {
        INDArray start = s;                                                                  // s_0 of these positions' loop
        LogitLens lens = new LogitLens(n, vocab, request.topK());
        for (int i = 0; i < n; i++) records[from + i] = new PositionRecord(iterations, hidden, vocab, request.topK(), request.fullLens());
        float[] state = floats(s);
        double[] geometry = check == null ? null : doubles(state);   // s_{k-1} for the exit check, converted once per step
        float[] logits = floats(model.decodeAt(cache, s, from));                             // [n·V]
        LensStep lensStep = observe(lens, 0, from, n, state, logits);
        if (check != null) check.start(StepSignals.start(lensStep.entropy()[0], lensStep.argmax(0)));
        int ran = iterations;
        for (int k = 1; k <= iterations; k++) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled at position " + from + ", iteration " + k);
            }
            s = model.stepAt(cache, s, e, start, from, k);                                    // [n, H]
            state = floats(s);
            logits = floats(model.decodeAt(cache, s, from));
            lensStep = observe(lens, k, from, n, state, logits);
            float[] lambda = gate(s, k, from, n);
            listener.onStep(from + n - 1, k);
            double[] current = check == null ? null : doubles(state);
            double[] before = geometry;
            geometry = current;
            if (check != null && check.fires(StepSignals.after(before, current, lensStep.kl()[0],
                    lensStep.minpKl()[0], lensStep.entropy()[0], lensStep.argmax(0)).withExitLambda(lambda == null ? Double.NaN : lambda[0]))) {
                ran = k;
                break;
            }
        }
        cache.commit(from, n, ran);
        float[] latent = floats(model.normalizedLatent(s));                                   // [n·H]
        for (int i = 0; i < n; i++) {
            PositionRecord r = records[from + i];
            r.steps = ran;
            r.logits = java.util.Arrays.copyOfRange(logits, i * vocab, (i + 1) * vocab);
            r.latent = java.util.Arrays.copyOfRange(latent, i * hidden, (i + 1) * hidden);
        }
        return s;
    }

    /** The exit gate's λ [n] at step k, recorded; null for a family without a gate. */
    private float[] gate(INDArray s, int k, int from, int n) {
        float[] lambda = model.exitLambda(s).map(Generator::floats).orElse(null);
        if (lambda != null) for (int i = 0; i < n; i++) records[from + i].lambda[k - 1] = lambda[i];
        return lambda;
    }

    private LensStep observe(LogitLens lens, int step, int from, int n, float[] state, float[] logits) {
        for (float v : logits) {
            if (!Float.isFinite(v)) {
                throw new ArithmeticException("the state diverged: the lens of position " + from + (n > 1 ? "–" + (from + n - 1) : "")
                        + " holds NaN or infinite values at iteration " + step + "; try fewer iterations or another s0");
            }
        }
        LensStep lensStep = lens.observe(logits);
        for (int i = 0; i < n; i++) records[from + i].record(step, i, state, hidden, lensStep, logits, vocab);
        return lensStep;
    }

    private static float[] floats(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
    }

    private static double[] doubles(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }
}
