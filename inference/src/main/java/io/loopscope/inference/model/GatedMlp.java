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
        return apply(x, null, null);
    }

    /** As {@link #apply(INDArray)}, with low-rank deltas on fc and proj (either may be null). */
    INDArray apply(INDArray x, LowRank fcDelta, LowRank projDelta) {
        INDArray gate = Nd4j.gemm(x, gateWeight, false, true); // [S, I]
        INDArray up = Nd4j.gemm(x, upWeight, false, true);     // [S, I]
        if (fcDelta != null) {
            long width = gate.size(1);
            INDArray down = fcDelta.down(x);                   // [S, r], shared by the gate and up row blocks
            fcDelta.addUp(gate, down, 0, width);
            fcDelta.addUp(up, down, width, 2 * width);
        }
        Kernels.siluGate(gate, up);                            // gate ← silu(gate)·up
        INDArray out = Nd4j.gemm(gate, proj, false, true);     // [S, H]
        if (projDelta != null) projDelta.addTo(out, gate);
        return out;
    }
}
