package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Huginn's GatedMLP: fc → chunk(gate, up) → proj(silu(gate) · up). */
public final class GatedMlp {
    private final INDArray fc;   // [2·I, H]  gate rows first, then up rows
    private final INDArray proj; // [H, I]
    private final int intermediate;

    public GatedMlp(INDArray fc, INDArray proj) {
        this.fc = fc;
        this.proj = proj;
        this.intermediate = (int) proj.size(1);
    }

    /** x [S, H] → [S, H]. */
    public INDArray apply(INDArray x) {
        INDArray hidden = Nd4j.gemm(x, fc, false, true);                                         // [S, 2I]
        INDArray gate = hidden.get(NDArrayIndex.all(), NDArrayIndex.interval(0, intermediate)); // [S, I]
        INDArray up = hidden.get(NDArrayIndex.all(), NDArrayIndex.interval(intermediate, 2 * intermediate));
        INDArray activated = gate.mul(Transforms.sigmoid(gate, true)).muli(up);                 // silu(gate)·up
        return Nd4j.gemm(activated, proj, false, true);                                          // [S, H]
    }
}
