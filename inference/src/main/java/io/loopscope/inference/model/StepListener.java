package io.loopscope.inference.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Told about every state of the recurrence: step 0 is s0, step i is s_i after i core applications.
 * The state must not be modified; copy what you keep. Throw
 * {@link java.util.concurrent.CancellationException} to stop the loop.
 */
@FunctionalInterface
public interface StepListener {
    void onStep(int step, INDArray state);

    StepListener NONE = (step, state) -> { };
}
