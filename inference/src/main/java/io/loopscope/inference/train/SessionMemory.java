package io.loopscope.inference.train;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;

/**
 * Bounds SameDiff's per-session array cache. The default (ArrayCacheMemoryMgr) may keep up to a
 * quarter of physical memory per session, and every graph (and its gradient function) has its own
 * session: a training run with a dozen cached graphs was killed by the OOM killer at 24 GB. Turning
 * the cache off instead made steps 3× slower (fresh native buffers and page faults for every op), so
 * each session keeps a small cache and everything beyond it is freed by the collector.
 */
final class SessionMemory {
    /** Fraction of physical memory one session may cache (≈ 120 MB on a 24 GB machine; a two-share run has ~50 sessions). */
    private static final double CACHE_FRACTION = 0.005;

    private SessionMemory() {
    }

    /** Call after a graph has run (sessions are created lazily on first use). */
    static void bound(SameDiff sd) {
        boundSessions(sd);
        SameDiff grad = sd.getFunction("grad");
        if (grad != null) boundSessions(grad);
    }

    private static void boundSessions(SameDiff sd) {
        for (InferenceSession session : sd.getSessions().values()) {
            if (!(session.getMmgr() instanceof ArrayCacheMemoryMgr cache && cache.getMaxMemFrac() == CACHE_FRACTION)) {
                session.setMmgr(new ArrayCacheMemoryMgr(CACHE_FRACTION, 1024, 2.0));
            }
        }
    }
}
