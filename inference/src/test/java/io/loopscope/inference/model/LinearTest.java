package io.loopscope.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A BF16 weight used in place gives the float32 product of the same (BF16-exact) values. */
class LinearTest {

    /** [out, in] of values BF16 holds exactly, as float32 and as BF16. */
    private static INDArray[] weights(int out, int in, long seed) {
        Random random = new Random(seed);
        float[] values = new float[out * in];
        for (int i = 0; i < values.length; i++) values[i] = Bf16Matmul.widen((short) (Float.floatToIntBits((float) random.nextGaussian()) >>> 16));
        INDArray f32 = Nd4j.create(values, new long[] {out, in}, 'c');
        return new INDArray[] {f32, f32.castTo(DataType.BFLOAT16)};
    }

    private static INDArray input(int n, int in, long seed) {
        return Nd4j.rand(DataType.FLOAT, n, in).subi(0.5).muli(2);
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        float[] e = expected.dup('c').data().asFloat(), a = actual.dup('c').data().asFloat();
        for (int i = 0; i < e.length; i++) assertEquals(e[i], a[i], 1e-4 * (1 + Math.abs(e[i])), "element " + i);
    }

    @ParameterizedTest(name = "n {0}, out {1}, in {2}")
    @CsvSource({"1, 7, 5", "1, 33, 64", "3, 40, 100", "4, 17, 96", "5, 64, 257", "9, 31, 1000", "64, 70, 130", "8, 36, 64", "6, 9, 33", "12, 130, 512", "7, 4, 31"})
    void bf16ProductEqualsFloat32(int n, int out, int in) {
        INDArray[] w = weights(out, in, 1);
        INDArray x = input(n, in, 2);
        Linear bf16 = Linear.of(w[1]);
        assertTrue(bf16.isBf16());
        assertClose(Linear.of(w[0]).apply(x), bf16.apply(x));
    }

    @Test
    void rowAndColumnBlocksAreTheSameViewsInBothDtypes() {
        INDArray[] w = weights(48, 80, 3);
        Linear f32 = Linear.of(w[0]), bf16 = Linear.of(w[1]);
        INDArray x = input(6, 30, 4);
        assertClose(f32.rows(10, 40).columns(50, 80).apply(x), bf16.rows(10, 40).columns(50, 80).apply(x));
        assertClose(f32.columns(0, 30).apply(x), bf16.columns(0, 30).apply(x).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
        assertClose(f32.gather(new int[] {3, 0, 47, 3}), bf16.gather(new int[] {3, 0, 47, 3}));
        assertEquals(48 * 80 * 2, bf16.storedBytes());
    }

    @Test
    void productIsWrittenByEveryRowOfALargeWeight() {
        // more rows than one parallel block, so every block's rows must land in the right column
        INDArray[] w = weights(3001, 70, 5);
        INDArray x = input(2, 70, 6);
        assertClose(Linear.of(w[0]).apply(x), Linear.of(w[1]).apply(x));
    }

    @Test
    void refusesWhatItCannotMultiply() {
        INDArray[] w = weights(8, 16, 7);
        assertThrows(IllegalArgumentException.class, () -> Linear.of(w[1]).apply(input(2, 15, 8)));
        assertThrows(IllegalArgumentException.class, () -> Linear.of(w[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all())));
        assertThrows(IllegalArgumentException.class, () -> Linear.of(Nd4j.zeros(DataType.DOUBLE, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> Linear.of(w[0]).rows(4, 9));
    }
}
