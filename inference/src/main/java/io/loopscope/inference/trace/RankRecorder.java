package io.loopscope.inference.trace;

/**
 * Rank trajectories: where chosen tokens (the final answer, an intermediate result, a control token)
 * stand in a lens's distribution at every step — 1 is the top guess — under the coda lens and the
 * logit lens, and with layers recorded at every layer of the loop body too. A rank needs the whole
 * distribution, so it is taken from the logits as they are computed, not from the stored top-k.
 */
final class RankRecorder {
    private final long[] ids;                 // [T]
    private final int tokens, vocab, layers;
    private final int[] coda, logit;          // [R+1, S, T]; logit stays empty when the family has no separate logit lens
    private final int[] layerCoda, layerLogit; // [R, C, S, T] when layers are recorded, else empty
    private boolean sawLogit, sawLayerLogit;

    RankRecorder(long[] ids, int steps, int tokens, int vocab, int layers) {
        for (long id : ids) {
            if (id < 0 || id >= vocab) throw new IllegalArgumentException("rank token id " + id + " is outside the vocabulary [0, " + vocab + ")");
        }
        this.ids = ids.clone();
        this.tokens = tokens;
        this.vocab = vocab;
        this.layers = layers;
        int perStep = Math.multiplyExact(tokens, ids.length);
        this.coda = new int[Math.multiplyExact(steps, perStep)];
        this.logit = new int[coda.length];
        this.layerCoda = new int[Math.multiplyExact(Math.multiplyExact(steps - 1, layers), perStep)];
        this.layerLogit = new int[layerCoda.length];
    }

    /** 1 + the number of logits above the id's: the id's place in the distribution softmax(logits row). logits [S·V]. */
    static int rank(float[] logits, int row, int vocab, long id) {
        float own = logits[row * vocab + (int) id];
        int above = 0;
        for (int v = row * vocab, end = v + vocab; v < end; v++) if (logits[v] > own) above++;
        return above + 1;
    }

    void codaLens(int step, float[] logits) {
        fill(coda, step, logits);
    }

    void logitLens(int step, float[] logits) {
        sawLogit = true;
        fill(logit, step, logits);
    }

    void layerCodaLens(int step, int layer, float[] logits) {
        fill(layerCoda, (step - 1) * layers + layer, logits);
    }

    void layerLogitLens(int step, int layer, float[] logits) {
        sawLayerLogit = true;
        fill(layerLogit, (step - 1) * layers + layer, logits);
    }

    private void fill(int[] into, int row, float[] logits) {
        int at = row * tokens * ids.length;
        for (int t = 0; t < tokens; t++) for (long id : ids) into[at++] = rank(logits, t, vocab, id);
    }

    Trace.Ranks toRanks(int steps, boolean withLayers) {
        int t = ids.length;
        return new Trace.Ranks(ids, new IntTensor(new int[] {steps, tokens, t}, coda),
                sawLogit ? new IntTensor(new int[] {steps, tokens, t}, logit) : null,
                withLayers ? new IntTensor(new int[] {steps - 1, layers, tokens, t}, layerCoda) : null,
                withLayers && sawLayerLogit ? new IntTensor(new int[] {steps - 1, layers, tokens, t}, layerLogit) : null);
    }
}
