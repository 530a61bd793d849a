package io.loopscope.inference.bench;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.checkpoint.CheckpointException;
import io.loopscope.inference.checkpoint.CheckpointTensors;
import io.loopscope.inference.checkpoint.HuginnLayout;
import io.loopscope.inference.checkpoint.LoadListener;
import io.loopscope.inference.checkpoint.OuroLayout;
import io.loopscope.inference.checkpoint.SafetensorsEntry;
import io.loopscope.inference.model.LoopedModel;
import io.loopscope.inference.model.StateInit;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A real-size checkpoint on this machine: how long it takes to load, how much memory it holds, and
 * how one iteration (a loop step and the lens) compares with the memory-read bound — the time this
 * machine needs just to read, once, the bytes of the weights an iteration uses, in their stored dtype.
 * At 1–64 tokens the loop does too little arithmetic per weight to be compute-bound, so that bound is
 * what a good engine approaches.
 */
public final class FullSizeBenchmark {
    /** Bytes summed to measure the read bandwidth: 1 GiB, far past every cache. */
    static final long BANDWIDTH_BYTES = 1L << 30;

    private final int repeats;
    private final long bandwidthBytes;

    public FullSizeBenchmark(int repeats) {
        this(repeats, BANDWIDTH_BYTES);
    }

    /** @param bandwidthBytes how many bytes the bandwidth measurement sums (a multiple of 4, at least 1 MB) */
    public FullSizeBenchmark(int repeats, long bandwidthBytes) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        if (bandwidthBytes < (1 << 20) || bandwidthBytes % 4 != 0) throw new IllegalArgumentException("bandwidth sample must be >= 1 MB and whole floats");
        this.repeats = repeats;
        this.bandwidthBytes = bandwidthBytes;
    }

    /**
     * @param fileReadSeconds the shard files read once before the load (so the load is warm)
     * @param loadSeconds     opening the folder: headers validated, every weight read and checked
     * @param readGBps        this machine's memory read bandwidth, GB/s (best of a few sums over 1 GiB)
     * @param iterationBytes  stored bytes of the weights one iteration reads: adapter, core blocks, coda, ln_f, head
     */
    public record Result(String model, String dtype, long parameters, long storedBytes, int files, double fileReadSeconds,
                         double loadSeconds, long residentAfterLoad, long peakResident, double readGBps, long iterationBytes,
                         List<Point> points) {
        public Result {
            points = List.copyOf(points);
        }

        /** ms to read iterationBytes once at readGBps. */
        @com.fasterxml.jackson.annotation.JsonProperty("bound_ms")
        public double boundMs() {
            return iterationBytes / (readGBps * 1e9) * 1e3;
        }
    }

    /** One token count: median ms of an iteration (step + lens) and its ratio to the bound. */
    public record Point(int tokens, double msPerIteration, double ratioToBound) {
    }

    public Result run(Path dir, int[] tokenCounts, LoadListener listener) throws IOException, CheckpointException {
        io.loopscope.inference.checkpoint.CheckpointLoader.configOf(dir);   // "does not exist", "no config.json" before anything else
        long parameters = 0, stored = 0, iterationBytes = 0;
        String dtype;
        List<Path> files;
        try (CheckpointTensors tensors = CheckpointTensors.open(dir)) {
            Map<String, SafetensorsEntry> entries = tensors.entries();
            boolean tied = !entries.containsKey(HuginnLayout.LM_HEAD);
            for (SafetensorsEntry e : entries.values()) {
                parameters += e.elementCount();
                stored += e.byteLength();
                if (readEachIteration(e.name(), tied)) iterationBytes += e.byteLength();
            }
            dtype = entries.values().stream().map(e -> e.dtype().name()).distinct().sorted().reduce((a, b) -> a + "+" + b).orElse("?");
            files = tensors.files();
        }
        double fileRead = readOnce(files);
        long t0 = System.nanoTime();
        ModelHandle handle = ModelHandle.open(dir, listener);
        double load = (System.nanoTime() - t0) / 1e9;
        long residentAfterLoad = ProcessMemory.residentBytes();
        double bandwidth = readBandwidthGBps();
        List<Point> points = new ArrayList<>();
        double boundMs = iterationBytes / (bandwidth * 1e9) * 1e3;
        for (int tokens : tokenCounts) {
            double ms = iterationMs(handle.model(), Math.min(tokens, handle.model().contextLength()));
            points.add(new Point(tokens, ms, ms / boundMs));
        }
        return new Result(handle.name(), dtype, parameters, stored, files.size(), fileRead, load, residentAfterLoad,
                ProcessMemory.peakResidentBytes(), bandwidth, iterationBytes, points);
    }

    /**
     * The tensors a loop iteration with the lens touches. Huginn: the loop (adapter, core blocks) and the
     * decode (coda, ln_f, head). Ouro: every layer (the whole stack is the loop), the final norm, the exit
     * gate and the head. The head is the embedding when no lm_head is stored (tied).
     */
    static boolean readEachIteration(String name, boolean tiedHead) {
        return name.equals(HuginnLayout.ADAPTER) || name.startsWith(HuginnLayout.CORE) || name.startsWith(HuginnLayout.CODA)
                || name.equals(HuginnLayout.LN_F) || name.equals(HuginnLayout.LM_HEAD)
                || (tiedHead && (name.equals(HuginnLayout.WTE) || name.equals(OuroLayout.EMBED)))
                || name.startsWith("model.layers.") || name.equals(OuroLayout.NORM) || name.startsWith("model.early_exit_gate.");
    }

    /** Median ms of one loop step followed by the lens (decode) on T tokens, after one warm-up. */
    double iterationMs(LoopedModel model, int tokens) {
        long[] ids = new long[tokens];
        for (int i = 0; i < tokens; i++) ids[i] = (i * 31L) % model.vocab();
        INDArray e = model.embed(ids);                                                          // [T, H]
        INDArray s0 = model.startState(model.initialState(new StateInit.Random(1), tokens), e); // [T, H]
        INDArray[] state = {s0};
        int[] step = {0};
        Runnable iteration = () -> {
            state[0] = model.step(state[0], e, s0, ++step[0], null);
            model.decode(state[0]);                                                             // [T, V]
        };
        return new EngineBenchmark(1, repeats).medianMs(iteration);
    }

    /**
     * Best of five passes over bandwidthBytes (1 GiB by default) of off-heap memory, one slice per
     * core, summing it as longs: the rate at which this machine streams memory into its cores.
     * Written by hand because ND4J's sum is no bandwidth probe: on this machine it read 6.6 GB/s where
     * this loop (which the JIT vectorises) reads 25–28 GB/s, and the float32 engine itself streamed
     * 11.1 GB of weights in 1.12 s — a bound from ND4J's figure would flatter every engine.
     */
    double readBandwidthGBps() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (Arena arena = Arena.ofShared()) {
            MemorySegment all = arena.allocate(bandwidthBytes, 64);
            all.fill((byte) 1);
            long part = bandwidthBytes / threads / 8 * 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                double best = 0;
                for (int pass = 0; pass < 6; pass++) {
                    long t = System.nanoTime();
                    List<Future<Long>> sums = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        MemorySegment slice = all.asSlice(i * part, part);
                        sums.add(pool.submit(() -> sumLongs(slice)));
                    }
                    long total = 0;
                    for (Future<Long> f : sums) total += f.get();
                    double gbps = part * threads / ((System.nanoTime() - t) / 1e9) / 1e9;
                    if (pass > 0 && total != 0) best = Math.max(best, gbps);   // pass 0 warms the JIT; total keeps the sum alive
                }
                return best;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the read bandwidth", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the read-bandwidth probe failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static long sumLongs(MemorySegment s) {
        long acc = 0;
        long n = s.byteSize() / 8;
        for (long i = 0; i < n; i++) acc += s.getAtIndex(ValueLayout.JAVA_LONG, i);
        return acc;
    }

    /** Reads every file once (into the page cache), seconds. */
    static double readOnce(List<Path> files) throws IOException {
        long t = System.nanoTime();
        ByteBuffer buffer = ByteBuffer.allocateDirect(16 << 20);
        for (Path f : files) {
            try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
                while (in.read(buffer.clear()) > 0) {
                    // only the reading matters: it puts the file in the page cache
                }
            }
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
