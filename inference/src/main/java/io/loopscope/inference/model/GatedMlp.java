package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Huginn's GatedMLP: fc → chunk(gate, up) → proj(silu(gate) · up). */
public final class GatedMlp {
    private final Linear gateWeight; // [I, H]  first half of fc's rows
    private final Linear upWeight;   // [I, H]  second half
    private final Linear proj;       // [H, I]

    public GatedMlp(INDArray fc, INDArray proj) {
        int intermediate = (int) proj.size(1);
        Linear fused = Linear.of(fc);
        this.gateWeight = fused.rows(0, intermediate);
        this.upWeight = fused.rows(intermediate, 2L * intermediate);
        this.proj = Linear.of(proj);
    }

    /** x [S, H] → [S, H]. */
    public INDArray apply(INDArray x) {
        return apply(x, null, null);
    }

    /** As {@link #apply(INDArray)}, with low-rank deltas on fc and proj (either may be null). */
    INDArray apply(INDArray x, LowRank fcDelta, LowRank projDelta) {
        INDArray gate = gateWeight.apply(x); // [S, I]
        INDArray up = upWeight.apply(x); // [S, I]
        if (fcDelta != null) {
            long width = gate.size(1);
            INDArray down = fcDelta.down(x);                   // [S, r], shared by the gate and up row blocks
            fcDelta.addUp(gate, down, 0, width);
            fcDelta.addUp(up, down, width, 2 * width);
        }
        Kernels.siluGate(gate, up);                            // gate ← silu(gate)·up
        INDArray out = proj.apply(gate); // [S, H]
        if (projDelta != null) projDelta.addTo(out, gate);
        return out;
    }
}
