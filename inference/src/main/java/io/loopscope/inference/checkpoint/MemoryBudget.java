package io.loopscope.inference.checkpoint;

import org.bytedeco.javacpp.Pointer;

/**
 * The memory a checkpoint load can still use: ND4J keeps weights off the Java heap, in memory
 * JavaCPP counts against its limit, and all of it must fit in the machine's free RAM.
 *
 * @param offHeapFree  bytes JavaCPP may still allocate (its maxbytes limit minus what it holds), or Long.MAX_VALUE
 * @param physicalFree bytes of RAM the operating system reports available, or Long.MAX_VALUE when unknown
 */
public record MemoryBudget(long offHeapFree, long physicalFree) {

    public MemoryBudget {
        if (offHeapFree < 0 || physicalFree < 0) throw new IllegalArgumentException("free memory cannot be negative");
    }

    /** This process, now. */
    public static MemoryBudget current() {
        long max = Pointer.maxBytes();
        long offHeap = max > 0 ? Math.max(0, max - Pointer.totalBytes()) : Long.MAX_VALUE;
        long physical = Pointer.availablePhysicalBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();
        if (maxPhysical > 0) physical = Math.min(physical > 0 ? physical : Long.MAX_VALUE, Math.max(0, maxPhysical - Pointer.physicalBytes()));
        return new MemoryBudget(offHeap, physical > 0 ? physical : Long.MAX_VALUE);
    }

    /** What a load can count on: the smaller of the two. */
    public long usable() {
        return Math.min(offHeapFree, physicalFree);
    }

    /** "7.9 GB off-heap (JavaCPP's limit), 12.1 GB of RAM" for messages. */
    public String describe() {
        return (offHeapFree == Long.MAX_VALUE ? "no off-heap limit" : gb(offHeapFree) + " off-heap (-Dorg.bytedeco.javacpp.maxbytes)")
                + ", " + (physicalFree == Long.MAX_VALUE ? "RAM unknown" : gb(physicalFree) + " of RAM");
    }

    static String gb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
