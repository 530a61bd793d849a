package io.loopscope.inference.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory from /proc/self/status (Linux); -1 where the file or field is absent. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident set size now, bytes (VmRSS). */
    public static long residentBytes() {
        return field("VmRSS:");
    }

    /** The largest resident set size so far, bytes (VmHWM, the kernel's high-water mark). */
    public static long peakResidentBytes() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
