package io.loopscope.inference.checkpoint;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An Ouro model's tensors, with each decoder layer in the engine's block form (q/k/v and gate/up
 * fused by rows, as {@link BlockWeights} holds them).
 *
 * @param embed      [V, H] model.embed_tokens
 * @param layers     the decoder layers, looped as one body
 * @param norm       [H] model.norm, applied after the stack in every loop
 * @param gateWeight [1, H] model.early_exit_gate.weight
 * @param gateBias   [1] model.early_exit_gate.bias
 * @param lmHead     [V, H] (the embedding when tied)
 */
public record OuroWeights(INDArray embed, List<BlockWeights> layers, INDArray norm, INDArray gateWeight, INDArray gateBias, INDArray lmHead) {
    public OuroWeights {
        layers = List.copyOf(layers);
    }
}
