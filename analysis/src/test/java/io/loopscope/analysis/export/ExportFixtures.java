package io.loopscope.analysis.export;

import io.loopscope.analysis.TestTraces;
import io.loopscope.analysis.TraceData;
import java.util.List;

/** A small trace with awkward token strings: a contracting token, a drifting one, and one that turns NaN. */
final class ExportFixtures {
    static final int R = 24, H = 6;
    static final List<String> TOKENS = List.of(" the", "a,\"b\"", "tab\there\nnew");

    private ExportFixtures() {
    }

    static TraceData trace(boolean withNaN) {
        double[][] fixed = new double[R + 1][H], drift = new double[R + 1][H], third = new double[R + 1][H];
        for (int i = 0; i <= R; i++) {
            double f = Math.pow(0.6, i);
            for (int j = 0; j < H; j++) {
                fixed[i][j] = 1 + j + f * (j % 2 == 0 ? 2 : -1);
                drift[i][j] = (j == 0 ? 0.4 * i : 1) + 0.001 * Math.sin(i * j);
                third[i][j] = 2 - j + Math.pow(0.7, i) * Math.cos(j);
            }
        }
        if (withNaN) for (int i = 20; i <= R; i++) third[i][3] = Double.NaN;
        return TestTraces.builder("t.npz", TestTraces.byStep(fixed, drift, third)).tokenStrings(TOKENS).ids(new long[] {5, 6, 7}).build();
    }
}
