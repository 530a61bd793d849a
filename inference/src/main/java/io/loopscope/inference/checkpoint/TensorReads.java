package io.loopscope.inference.checkpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a checkpoint's tensors, largest first, on one reader per core (at most four). Why not one:
 * a load is bound by copying into fresh memory and by the page faults that memory takes, and both
 * scale with cores — on this 2-core machine first-touching 1 GiB took 0.19 s from two threads and
 * 0.35–3.2 s from one. More than four readers would only make a spinning disk seek.
 */
final class TensorReads {
    private static final int MAX_READERS = 4;

    private TensorReads() {
    }

    /**
     * Every named tensor, in its stored dtype where inPlace says so, else widened to float32. Non-finite
     * values in several tensors are reported together, in the order of names. The listener hears the
     * bytes read after each tensor (one call at a time) and can cancel before the next.
     */
    static Map<String, INDArray> readAll(CheckpointTensors tensors, List<String> names, Predicate<String> inPlace,
                                         LoadListener listener) throws CheckpointException {
        Map<String, INDArray> out = new ConcurrentHashMap<>();
        Map<String, List<String>> problems = new ConcurrentHashMap<>();
        long total = names.stream().mapToLong(n -> tensors.entries().get(n).byteLength()).sum();
        List<String> order = names.stream().sorted(Comparator.comparingLong((String n) -> tensors.entries().get(n).byteLength()).reversed()).toList();
        AtomicInteger next = new AtomicInteger();
        long[] done = {0};
        Runnable reader = () -> {
            for (int i; (i = next.getAndIncrement()) < order.size(); ) {
                if (listener.cancelled()) throw new CancellationException("loading " + tensors.files() + " was cancelled");
                String name = order.get(i);
                try {
                    out.put(name, inPlace.test(name) ? tensors.readStored(name) : tensors.read(name));
                } catch (CheckpointException e) {
                    problems.put(name, e.problems());
                }
                synchronized (done) {
                    done[0] += tensors.entries().get(name).byteLength();
                    listener.read(done[0], total);
                }
            }
        };
        int readers = Math.max(1, Math.min(Math.min(MAX_READERS, Runtime.getRuntime().availableProcessors()), order.size()));
        run(reader, readers);
        List<String> all = new ArrayList<>();
        for (String name : names) all.addAll(problems.getOrDefault(name, List.of()));
        if (!all.isEmpty()) throw new CheckpointException(all);
        return out;
    }

    /** Runs readers copies of reader and waits for all; the first failure (a cancellation, an out-of-memory) is rethrown as it was. */
    private static void run(Runnable reader, int readers) {
        if (readers == 1) {
            reader.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(readers, r -> {
            Thread t = new Thread(r, "checkpoint-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < readers; i++) running.add(pool.submit(reader));
            RuntimeException first = null;
            Error firstError = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r && first == null) first = r;
                    else if (e.getCause() instanceof Error r && firstError == null) firstError = r;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.forEach(r -> r.cancel(true));
                    throw new CancellationException("loading was interrupted");
                }
            }
            if (firstError != null) throw firstError;
            if (first != null) throw first;
        } finally {
            pool.shutdownNow();
        }
    }
}
