package io.loopscope.inference.lens;

/** Selection of the k largest log-probabilities without sorting the whole vocabulary. */
final class TopK {
    private TopK() {
    }

    /** Writes the k most probable ids (descending) and their probabilities at {@code offset}. */
    static void select(double[] logP, int k, int[] ids, float[] probs, int offset) {
        // A small insertion-sorted buffer: O(V·k), and k is small (≤ ~20) while V can be 65k.
        int[] best = new int[k];
        double[] bestValue = new double[k];
        java.util.Arrays.fill(bestValue, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(best, -1);
        for (int j = 0; j < logP.length; j++) {
            double v = logP[j];
            if (v <= bestValue[k - 1] && best[k - 1] >= 0) continue;
            int pos = k - 1;
            while (pos > 0 && (best[pos - 1] < 0 || v > bestValue[pos - 1])) {
                bestValue[pos] = bestValue[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestValue[pos] = v;
            best[pos] = j;
        }
        for (int i = 0; i < k; i++) {
            ids[offset + i] = best[i];
            probs[offset + i] = (float) Math.exp(bestValue[i]);
        }
    }
}
