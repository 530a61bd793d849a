package io.loopscope.inference.checkpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a checkpoint's tensors, largest first, on one reader per core (at most four). Why not one:
 * a load is bound by copying into fresh memory and by the page faults that memory takes, and both
 * scale with cores — on this 2-core machine first-touching 1 GiB took 0.19 s from two threads and
 * 0.35–3.2 s from one. More than four readers would only make a spinning disk seek.
 *
 * <p>The listener is only ever called on the thread that called {@link #readAll}: a workbench that
 * loads through a same-thread executor updates its properties where it expects to.
 */
final class TensorReads {
    private static final int MAX_READERS = 4;

    private TensorReads() {
    }

    /** One tensor finished: its bytes, and what was wrong with it (empty when nothing), or the error that stopped its reader. */
    private record Finished(String name, long bytes, List<String> problems, Throwable failure) {
    }

    /**
     * Every named tensor, in its stored dtype where inPlace says so, else widened to float32. Non-finite
     * values in several tensors are reported together, in the order of names. The listener hears the
     * bytes read after each tensor and is polled for a cancel before each next one.
     */
    static Map<String, INDArray> readAll(CheckpointTensors tensors, List<String> names, Predicate<String> inPlace,
                                         LoadListener listener) throws CheckpointException {
        Map<String, INDArray> out = new ConcurrentHashMap<>();
        Map<String, List<String>> problems = new ConcurrentHashMap<>();
        long total = names.stream().mapToLong(n -> tensors.entries().get(n).byteLength()).sum();
        List<String> order = names.stream().sorted(Comparator.comparingLong((String n) -> tensors.entries().get(n).byteLength()).reversed()).toList();
        AtomicInteger next = new AtomicInteger();
        BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
        Runnable reader = () -> {
            for (int i; (i = next.getAndIncrement()) < order.size(); ) {
                String name = order.get(i);
                long bytes = tensors.entries().get(name).byteLength();
                try {
                    out.put(name, inPlace.test(name) ? tensors.readStored(name) : tensors.read(name));
                    finished.add(new Finished(name, bytes, List.of(), null));
                } catch (CheckpointException e) {
                    finished.add(new Finished(name, bytes, e.problems(), null));
                } catch (RuntimeException | Error e) {
                    finished.add(new Finished(name, bytes, List.of(), e));
                    return;
                }
            }
        };
        int readers = Math.max(1, Math.min(Math.min(MAX_READERS, Runtime.getRuntime().availableProcessors()), order.size()));
        ExecutorService pool = Executors.newFixedThreadPool(readers, r -> {
            Thread t = new Thread(r, "checkpoint-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < readers; i++) pool.execute(reader);
            long done = 0;
            for (int count = 0; count < order.size(); count++) {
                if (listener.cancelled()) throw new CancellationException("loading " + tensors.files() + " was cancelled");
                Finished f = finished.take();
                if (f.failure() instanceof RuntimeException e) throw e;
                if (f.failure() instanceof Error e) throw e;
                if (!f.problems().isEmpty()) problems.put(f.name(), f.problems());
                done += f.bytes();
                listener.read(done, total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("loading " + tensors.files() + " was interrupted");
        } finally {
            next.set(order.size());   // readers take no further tensor
            pool.shutdown();
            awaitReaders(pool);
        }
        List<String> all = new ArrayList<>();
        for (String name : names) all.addAll(problems.getOrDefault(name, List.of()));
        if (!all.isEmpty()) throw new CheckpointException(all);
        return out;
    }

    /** A cancelled load returns once the tensors being read are done, so nothing is still writing into memory the caller drops. */
    private static void awaitReaders(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // a tensor of a few GB is still being read
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
