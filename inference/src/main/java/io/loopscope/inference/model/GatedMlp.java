package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Huginn's GatedMLP: fc → chunk(gate, up) → proj(silu(gate) · up). */
public final class GatedMlp {
    private final INDArray gateWeight; // [I, H]  first half of fc's rows
    private final INDArray upWeight;   // [I, H]  second half
    private final INDArray proj;       // [H, I]

    public GatedMlp(INDArray fc, INDArray proj) {
        int intermediate = (int) proj.size(1);
        this.gateWeight = fc.get(NDArrayIndex.interval(0, intermediate), NDArrayIndex.all());
        this.upWeight = fc.get(NDArrayIndex.interval(intermediate, 2 * intermediate), NDArrayIndex.all());
        this.proj = proj;
    }

    /** x [S, H] → [S, H]. */
    public INDArray apply(INDArray x) {
        INDArray gate = Nd4j.gemm(x, gateWeight, false, true); // [S, I]
        INDArray up = Nd4j.gemm(x, upWeight, false, true);     // [S, I]
        Kernels.siluGate(gate, up);                            // gate ← silu(gate)·up
        return Nd4j.gemm(gate, proj, false, true);             // [S, H]
    }
}
