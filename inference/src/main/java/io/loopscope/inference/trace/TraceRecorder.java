package io.loopscope.inference.trace;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.exit.ExitTracker;
import io.loopscope.inference.lens.LensStep;
import io.loopscope.inference.model.LayerListener;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StepListener;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records a run as it happens: every state, the logit lens of every state, and when each exit
 * criterion fires. It is the loop's {@link StepListener}, so none of this is tangled into the maths.
 */
public final class TraceRecorder implements StepListener {
    private final LoopedModel model;
    private final int tokens, hidden, vocab, iterations, k;
    private final boolean keepFullLens;
    private final LensArrays lens;        // the model's own lens
    private final boolean recordLogitLens;
    private LensArrays logitLens;         // lm_head(ln_f(s)) without the decoding blocks: made at step 0 when the family has one
    private final ExitTracker exits;
    private final IntConsumer progress;
    private final BooleanSupplier cancelled;

    private final float[] states;        // [R+1, S, H]
    private final float[] fullLens;      // [R+1, S, V] or null
    private final RankRecorder ranks;    // or null when no rank ids were asked for
    private float[] exitLambda;          // [R, S], allocated at the first step that has a gate
    private float[] layerStates;         // [R, C, S, H], allocated when the loop reports its layers
    private float[] lastLogits;          // [S, V]
    private INDArray lastState;          // [S, H]

    /** Records what the request asks for (the logit lens when the family has one distinct from its own, the ranks of its rank ids). */
    public TraceRecorder(LoopedModel model, TraceRequest request, IntConsumer progress, BooleanSupplier cancelled) {
        this.model = model;
        this.tokens = request.ids().length;
        this.hidden = model.hidden();
        this.vocab = model.vocab();
        this.iterations = request.iterations();
        this.k = request.topK();
        this.keepFullLens = request.fullLens();
        this.lens = new LensArrays(iterations + 1, tokens, vocab, k);
        this.recordLogitLens = request.logitLens();
        this.exits = new ExitTracker(request.thresholds(), tokens, hidden);
        this.progress = progress;
        this.cancelled = cancelled;
        int steps = iterations + 1;
        this.states = new float[Math.multiplyExact(Math.multiplyExact(steps, tokens), hidden)];
        this.fullLens = keepFullLens ? new float[Math.multiplyExact(Math.multiplyExact(steps, tokens), vocab)] : null;
        this.ranks = request.rankIds().length == 0 ? null
                : new RankRecorder(request.rankIds(), steps, tokens, vocab, request.layers() ? model.loopLayers() : 0);
    }

    @Override
    public void onStep(int step, INDArray state) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled at iteration " + step + " of " + iterations);
        }
        float[] s = state.castTo(DataType.FLOAT).dup('c').data().asFloat();          // [S·H]
        System.arraycopy(s, 0, states, step * tokens * hidden, s.length);
        float[] logits = model.decode(state).dup('c').data().asFloat();              // [S·V]
        LensStep lensStep = lens.record(step, logits);
        if (ranks != null) ranks.codaLens(step, logits);
        if (recordLogitLens || ranks != null) {
            model.logitLens(state).ifPresent(l -> {
                float[] head = l.castTo(DataType.FLOAT).dup('c').data().asFloat();
                if (recordLogitLens) {
                    if (logitLens == null) logitLens = new LensArrays(iterations + 1, tokens, vocab, k);
                    logitLens.record(step, head);
                }
                if (ranks != null) ranks.logitLens(step, head);
            });
        }
        if (keepFullLens) System.arraycopy(logits, 0, fullLens, step * tokens * vocab, logits.length);
        float[] lambda = step == 0 ? null : model.exitLambda(state).map(l -> l.castTo(DataType.FLOAT).dup('c').data().asFloat()).orElse(null);
        if (lambda != null) {
            if (exitLambda == null) exitLambda = new float[iterations * tokens];
            System.arraycopy(lambda, 0, exitLambda, (step - 1) * tokens, tokens);
        }
        exits.observe(step, s, lensStep, lambda);
        lastLogits = logits;
        lastState = state;
        progress.accept(step);
    }

    /**
     * The listener that records every loop layer's output into layer_states [R, C, S, H] (C = the
     * model's loop layers); pass it to {@link LoopedModel#recur(INDArray, INDArray, int, StepListener, LayerListener)}.
     */
    public LayerListener layerRecorder() {
        int layers = model.loopLayers();
        if (layerStates == null) layerStates = new float[Math.multiplyExact(Math.multiplyExact(iterations, layers), tokens * hidden)];
        return (step, layer, output) -> {
            if (layer < 0 || layer >= layers) throw new IllegalStateException("layer " + layer + " is outside the loop's " + layers + " layers");
            float[] h = output.castTo(DataType.FLOAT).dup('c').data().asFloat();   // [S·H]
            System.arraycopy(h, 0, layerStates, ((step - 1) * layers + layer) * tokens * hidden, h.length);
            if (ranks != null) {
                ranks.layerCodaLens(step, layer, model.decode(output).castTo(DataType.FLOAT).dup('c').data().asFloat());
                model.logitLens(output).ifPresent(l -> ranks.layerLogitLens(step, layer, l.castTo(DataType.FLOAT).dup('c').data().asFloat()));
            }
        };
    }

    /** Per criterion, per token, the first step it fired (-1: never). */
    public Map<ExitCriterion, int[]> exitSteps() {
        return exits.firstSteps();
    }

    /** The recorded arrays as a trace with the given description. */
    public Trace toTrace(RunInfo info, long[] ids) {
        if (lastState == null) throw new IllegalStateException("nothing was recorded");
        int steps = iterations + 1;
        float[] finalLatent = model.normalizedLatent(lastState).dup('c').data().asFloat();
        return new Trace(info, ids,
                new FloatTensor(new int[] {steps, tokens, hidden}, states),
                new FloatTensor(new int[] {tokens, hidden}, finalLatent),
                new FloatTensor(new int[] {tokens, vocab}, lastLogits),
                new FloatTensor(new int[] {steps, tokens}, lens.entropy),
                new FloatTensor(new int[] {steps, tokens}, lens.kl),
                new FloatTensor(new int[] {steps, tokens}, lens.minpKl),
                new IntTensor(new int[] {steps, tokens, k}, lens.topkIds),
                new FloatTensor(new int[] {steps, tokens, k}, lens.topkProbs),
                fullLens == null ? null : new FloatTensor(new int[] {steps, tokens, vocab}, fullLens),
                model.latentNorm().map(n -> new FloatTensor(new int[] {hidden}, n.weight())).orElse(null),
                null,
                exitLambda == null ? null : ExitGate.of(exitLambda, iterations, tokens),
                logitLens == null ? null : logitLens.toRecord(steps),
                layerStates == null ? null : new FloatTensor(new int[] {iterations, model.loopLayers(), tokens, hidden}, layerStates),
                ranks == null ? null : ranks.toRanks(steps, layerStates != null));
    }
}
