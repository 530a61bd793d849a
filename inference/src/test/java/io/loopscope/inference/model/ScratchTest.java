package io.loopscope.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScratchTest {

    @Test
    void aPassResultOutlivesItsWorkspaceAndTheNextPassThatReusesIt() {
        INDArray first = Scratch.run(() -> Nd4j.arange(1, 65).castTo(DataType.FLOAT).mul(2)); // 2, 4, …, 128
        assertFalse(first.isAttached(), "the result is copied out of the workspace");
        for (int pass = 0; pass < 5; pass++) {
            // later passes allocate in the same (now initialised) workspace memory and overwrite it
            Scratch.run(() -> Nd4j.valueArrayOf(new long[] {64}, -7f, DataType.FLOAT).mul(3));
        }
        float[] expected = new float[64];
        for (int i = 0; i < 64; i++) expected[i] = 2 * (i + 1);
        assertArrayEquals(expected, first.toFloatVector());
    }

    @Test
    void nestedPassesAndCachedArraysStayValid() {
        INDArray[] cached = new INDArray[1];
        INDArray outer = Scratch.run(() -> {
            cached[0] = Scratch.outside(() -> Nd4j.ones(DataType.FLOAT, 3));
            INDArray inner = Scratch.run(() -> Nd4j.ones(DataType.FLOAT, 3).mul(5));
            return inner.add(1);
        });
        Scratch.run(() -> Nd4j.zeros(DataType.FLOAT, 1024));
        assertFalse(cached[0].isAttached(), "an array made outside() does not live in the workspace");
        assertArrayEquals(new float[] {1, 1, 1}, cached[0].toFloatVector());
        assertArrayEquals(new float[] {6, 6, 6}, outer.toFloatVector());
    }
}
