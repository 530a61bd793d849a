package io.loopscope.inference.model;

import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the engine's intermediate arrays live: an ND4J workspace per thread, reused by every block
 * pass. Only the result is copied out; everything else a pass allocates (q, k, v, scores, MLP
 * activations) is reclaimed when the pass ends.
 *
 * <p>Why: otherwise each intermediate is a native buffer freed only when its small Java handle is
 * garbage-collected. The heap hardly grows, so the collector rarely runs and native memory climbs
 * (an 800-example eval reached 15 GB before eval started calling System.gc()).
 */
final class Scratch {
    private static final String ID = "loopscope-engine";
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.OVER_TIME)
            .cyclesBeforeInitialization(2)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Scratch() {
    }

    /** Runs pass in this thread's workspace and returns its result detached (an ordinary array). */
    static INDArray run(Supplier<INDArray> pass) {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(ID)) return pass.get(); // already inside a pass
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, ID)) {
            return pass.get().detach();
        }
    }

    /** Runs make outside every workspace: for arrays that are cached and must outlive a pass. */
    static <T> T outside(Supplier<T> make) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }
}
