package io.loopscope.inference.train;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;

/**
 * Turns off SameDiff's per-session array cache. Its default (ArrayCacheMemoryMgr) may keep up to a
 * quarter of physical memory per session, and every graph (and its gradient function) has its own
 * session: a training run with a dozen cached graphs was killed by the OOM killer at 24 GB. Without
 * the cache, intermediate arrays are freed when collected (the trainer collects every few steps).
 */
final class SessionMemory {
    private SessionMemory() {
    }

    /** Call after a graph has run (sessions are created lazily on first use). */
    static void uncache(SameDiff sd) {
        uncacheSessions(sd);
        SameDiff grad = sd.getFunction("grad");
        if (grad != null) uncacheSessions(grad);
    }

    private static void uncacheSessions(SameDiff sd) {
        for (InferenceSession session : sd.getSessions().values()) {
            if (!(session.getMmgr() instanceof NoOpMemoryMgr)) session.setMmgr(new NoOpMemoryMgr());
        }
    }
}
