package io.loopscope.analysis;

import io.loopscope.inference.io.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds traces for tests: in memory through TraceData.Builder, or as NPZ files through the engine's Npz writer. */
public final class TestTraces {
    private TestTraces() {
    }

    /** states[step][token][h] → raw float array in [R+1][S][H] order. */
    public static float[] flatten(double[][][] states) {
        int steps = states.length, tokens = states[0].length, h = states[0][0].length;
        float[] out = new float[steps * tokens * h];
        for (int s = 0; s < steps; s++) for (int t = 0; t < tokens; t++) for (int j = 0; j < h; j++) out[(s * tokens + t) * h + j] = (float) states[s][t][j];
        return out;
    }

    public static TraceData.Builder builder(String source, double[][][] states) {
        return new TraceData.Builder(source, states.length - 1, states[0].length, states[0][0].length, flatten(states));
    }

    /** Token trajectories [S][R+1][H] → states [R+1][S][H]. */
    public static double[][][] byStep(double[][]... trajectories) {
        int tokens = trajectories.length, steps = trajectories[0].length, h = trajectories[0][0].length;
        double[][][] out = new double[steps][tokens][];
        for (int t = 0; t < tokens; t++) for (int s = 0; s < steps; s++) out[s][t] = trajectories[t][s].clone();
        return out;
    }

    public static INDArray array(double[][][] states) {
        return Nd4j.createFromArray(states);
    }

    public static Path write(Path file, Map<String, INDArray> arrays, Map<String, String> texts) throws IOException {
        Npz.write(file, new LinkedHashMap<>(arrays), new LinkedHashMap<>(texts));
        return file;
    }
}
