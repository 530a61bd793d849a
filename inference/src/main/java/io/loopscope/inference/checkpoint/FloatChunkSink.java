package io.loopscope.inference.checkpoint;

import java.io.IOException;

/**
 * Receives a tensor's float32 values in c order, a chunk at a time, so a tensor can go from where it
 * is made (random init, an array) to where it goes (a file) without being held whole in between.
 */
@FunctionalInterface
public interface FloatChunkSink {
    /** chunk[0, n) are the tensor's elements [offset, offset + n). */
    void accept(long offset, float[] chunk, int n) throws IOException;
}
