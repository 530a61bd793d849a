package io.loopscope.inference.checkpoint;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one sandwich block, as stored ([out, in] for linear layers), all float32.
 *
 * @param norm1   [H]  before attention
 * @param norm2   [H]  after the attention residual
 * @param norm3   [H]  before the MLP
 * @param norm4   [H]  after the MLP residual
 * @param wqkv    [(nh + 2·nkv)·hd, H]  fused q, k, v projection
 * @param qkBias  [2, 1, nh, hd]  q and k bias added before RoPE, or null when the model has none
 * @param proj    [H, H]  attention output projection
 * @param fc      [2·I, H]  fused gate and up projections (gate first)
 * @param mlpProj [H, I]  MLP down projection
 */
public record BlockWeights(
        INDArray norm1, INDArray norm2, INDArray norm3, INDArray norm4,
        INDArray wqkv, INDArray qkBias, INDArray proj, INDArray fc, INDArray mlpProj) {
}
