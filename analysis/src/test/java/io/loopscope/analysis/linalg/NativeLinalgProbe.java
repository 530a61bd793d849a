package io.loopscope.analysis.linalg;

/**
 * Run in its own JVM by {@link NativeLinalgTest}: opens Smile's native linear algebra through
 * {@link NativeLinalg}, then runs one ND4J matrix product, and prints what happened. A JVM of its own
 * because a library that failed to open stays failed for the life of the process.
 */
public final class NativeLinalgProbe {
    public static void main(String[] args) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                NativeLinalg.require();
                System.out.println("ready");
            } catch (IllegalStateException e) {
                System.out.println("failed " + attempt + ": " + e.getMessage());
            }
        }
        var a = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 64, 64);
        System.out.println("nd4j product " + a.mmul(a).sumNumber());
    }
}
