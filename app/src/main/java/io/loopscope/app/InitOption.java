package io.loopscope.app;

import io.loopscope.inference.io.Npy;
import io.loopscope.inference.model.StateInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The value of --init, shared by trace and generate: random (seeded), zeros, or a .npy of [rows, H]. */
final class InitOption {
    private InitOption() {
    }

    static StateInit parse(String init, long seed) throws IOException {
        return switch (init) {
            case "random" -> new StateInit.Random(seed);
            case "zeros" -> new StateInit.Zeros();
            default -> {
                Path file = Path.of(init);
                if (!init.endsWith(".npy") && !Files.exists(file)) {
                    throw new IllegalArgumentException("--init must be random, zeros or a .npy file; got '" + init + "'");
                }
                INDArray s0 = Npy.read(file);
                long[] shape = s0.shape();
                if (shape.length != 2) {
                    throw new IllegalArgumentException("--init " + init + " holds shape " + Arrays.toString(shape)
                            + " but s0 must be [S, H] (tokens × hidden)");
                }
                float[] data = s0.castTo(DataType.FLOAT).dup('c').data().asFloat();
                yield new StateInit.Given(data, (int) shape[0], (int) shape[1], file.toString());
            }
        };
    }
}
