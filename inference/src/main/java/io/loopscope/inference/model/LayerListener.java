package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Told the output of every layer of the loop body at every loop step, inside the step. The array is
 * only valid during the call (it may live in the step's workspace): copy what you keep.
 */
@FunctionalInterface
public interface LayerListener {
    /** output [S, H] of layer (0-based) at loop step (1-based); the last layer's output is the step's state. */
    void onLayer(int step, int layer, INDArray output);
}
