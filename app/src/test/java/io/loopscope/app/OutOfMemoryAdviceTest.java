package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutOfMemoryAdviceTest {
    private static final Path OUT = Path.of("/tmp/run");

    @Test
    void anOutOfMemoryErrorFromAShardNamesTheCapAndTheCheckpointToResumeFrom() {
        // as the trainer rethrows a shard's failure: wrapped, the JavaCPP message inside
        Throwable failure = new IllegalStateException(new OutOfMemoryError(
                "Cannot allocate new LongPointer(4): totalBytes = 768, physicalBytes = 10240M"));
        String advice = OutOfMemoryAdvice.explain(failure, 9250, OUT).orElseThrow();
        assertTrue(advice.startsWith("out of memory (Cannot allocate new LongPointer(4)"), advice);
        assertTrue(advice.contains("maxphysicalbytes=18g"), advice);
        assertTrue(advice.contains("checkpoint of step 9250 in /tmp/run is complete"), advice);
        assertTrue(advice.contains("--resume"), advice);
    }

    @Test
    void beforeTheFirstCheckpointItSaysNothingCanBeResumed() {
        String advice = OutOfMemoryAdvice.explain(new OutOfMemoryError("Java heap space"), 0, OUT).orElseThrow();
        assertTrue(advice.contains("no checkpoint was written yet"), advice);
        assertTrue(advice.contains("(Java heap space)"), advice);
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertEquals(Optional.empty(), OutOfMemoryAdvice.explain(new IllegalStateException(new ArithmeticException("x")), 9250, OUT));
    }
}
