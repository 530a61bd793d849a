package io.loopscope.inference.model;

/**
 * The loop-wise LoRA deltas of one core block at one iteration (SLR); a null part leaves that
 * linear as it is, and a null BlockDelta is the plain block.
 *
 * @param wqkv     on the fused attn.Wqkv [(nh + 2·nkv)·hd, H]
 * @param attnProj on attn.proj [H, H]
 * @param fc       on the fused mlp.fc [2·I, H] (gate rows first, then up)
 * @param mlpProj  on mlp.proj [H, I]
 */
record BlockDelta(LowRank wqkv, LowRank attnProj, LowRank fc, LowRank mlpProj) {
}
