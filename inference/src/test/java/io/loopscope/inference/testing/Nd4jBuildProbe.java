package io.loopscope.inference.testing;

import io.loopscope.inference.NativeSetup;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loads ND4J as the app does and prints the native library it loaded and the results of a fixed
 * matrix product (OpenBLAS) and of tanh over it (libnd4j's own kernels), for a test that runs it once
 * per native build and compares.
 */
public final class Nd4jBuildProbe {
    private Nd4jBuildProbe() {
    }

    public static void main(String[] args) {
        NativeSetup.apply();
        INDArray product = matrix(64, 96, 1).mmul(matrix(96, 48, 2));
        System.out.println("library=" + Loader.getLoadedLibraries().values().stream()
                .filter(path -> path.endsWith("/libnd4jcpu.so")).findFirst().orElse("none"));
        System.out.println("matmul=" + joined(product));
        System.out.println("tanh=" + joined(Transforms.tanh(product, true)));
    }

    /** Filled from java.util.Random, so every build starts from the same numbers. */
    private static INDArray matrix(int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        return Nd4j.create(values, new long[] {rows, cols}, 'c');
    }

    private static String joined(INDArray a) {
        float[] values = a.dup('c').data().asFloat();
        return IntStream.range(0, values.length).mapToObj(i -> Float.toString(values[i])).collect(Collectors.joining(","));
    }
}
