package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rotary position embedding on interleaved pairs (x[2i], x[2i+1]) of every head, as Huginn applies it.
 *
 * <p>The angle table is computed in float32 arithmetic, like the reference model, so positions far
 * into the context rotate by exactly the same (rounded) angles; {@code freqs_cis} buffers in
 * checkpoints are therefore ignored.
 */
public final class Rope {
    private final INDArray cos; // [maxPositions, H/2]  cos(pos · θ_i), tiled across heads
    private final INDArray sin; // [maxPositions, H/2]

    public Rope(int heads, int headDim, double base, int maxPositions) {
        int half = headDim / 2;
        float[] inverseFrequency = new float[half];
        for (int i = 0; i < half; i++) {
            float exponent = (float) (2 * i) / (float) headDim;
            inverseFrequency[i] = 1.0f / (float) Math.pow(base, exponent);
        }
        float[][] cosTable = new float[maxPositions][heads * half];
        float[][] sinTable = new float[maxPositions][heads * half];
        for (int pos = 0; pos < maxPositions; pos++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) pos * inverseFrequency[i];
                float c = (float) Math.cos(angle), s = (float) Math.sin(angle);
                for (int h = 0; h < heads; h++) {
                    cosTable[pos][h * half + i] = c;
                    sinTable[pos][h * half + i] = s;
                }
            }
        }
        this.cos = Nd4j.createFromArray(cosTable);
        this.sin = Nd4j.createFromArray(sinTable);
    }

    public int maxPositions() {
        return (int) cos.size(0);
    }

    /** x [S, heads·hd] with interleaved pairs per head → rotated copy [S, heads·hd]. */
    public INDArray apply(INDArray x) {
        long tokens = x.size(0), width = x.size(1);
        INDArray pairs = x.reshape('c', tokens, width / 2, 2);                      // [S, H/2, 2]
        INDArray even = pairs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)); // [S, H/2]
        INDArray odd = pairs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1));  // [S, H/2]
        INDArray c = cos.get(NDArrayIndex.interval(0, tokens), NDArrayIndex.all());
        INDArray s = sin.get(NDArrayIndex.interval(0, tokens), NDArrayIndex.all());
        INDArray rotatedEven = even.mul(c).subi(odd.mul(s));
        INDArray rotatedOdd = odd.mul(c).addi(even.mul(s));
        return Nd4j.stack(2, rotatedEven, rotatedOdd).reshape('c', tokens, width); // [S, H/2, 2] → [S, H]
    }
}
