package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A rank-r delta B·A on a linear weight W [out, in], applied as y = x·Wᵀ + (x·Aᵀ)·Bᵀ: W + B·A is
 * never formed, so a delta costs 2·r·(in + out) per row instead of a second W-sized matrix.
 *
 * @param a [r, in]
 * @param b [out, r]
 */
record LowRank(INDArray a, INDArray b) {

    /** x·Aᵀ: x [n, in] → [n, r], shared by every row block of W that the delta touches. */
    INDArray down(INDArray x) {
        return Nd4j.gemm(x, a, false, true);
    }

    /** y += down·B[from, to)ᵀ in place: the delta of W's rows [from, to) (a row block such as Wqkv's q). y [n, to − from]. */
    void addUp(INDArray y, INDArray down, long from, long to) {
        INDArray rows = from == 0 && to == b.size(0) ? b : b.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()); // a view
        y.addi(Nd4j.gemm(down, rows, false, true));
    }

    /** y += (x·Aᵀ)·Bᵀ in place. x [n, in], y [n, out]. */
    void addTo(INDArray y, INDArray x) {
        addUp(y, down(x), 0, b.size(0));
    }
}
