package io.loopscope.analysis.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.analysis.export.Csv;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.io.AtomicFile;
import io.loopscope.inference.trace.TraceFile;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Runs a batch into a folder: batch.json (what it is), rows/NNNNN.csv per prompt (written whole or
 * not at all, so an interrupted batch resumes by skipping the prompts whose file exists), optional
 * traces/NNNNN.npz, and summary.csv — every row of every prompt — once all are done. Prompts run in
 * parallel, one per thread; each is a {@link BatchJob}.
 */
public final class BatchRunner {
    public static final String FORMAT = "loopscope-batch";
    public static final int VERSION = 1;
    public static final String SUMMARY = "summary.csv";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exit columns of the summary: every criterion, in the order the rest of LoopScope lists them. */
    public static final List<String> CRITERIA = Arrays.stream(ExitCriterion.values()).filter(c -> c != ExitCriterion.NONE).map(ExitCriterion::id).toList();

    private BatchRunner() {
    }

    /**
     * @param progress told once per prompt finished (resumed ones at the start)
     * @return prompts run now (not resumed)
     */
    public static int run(ModelHandle model, List<BatchPrompt> prompts, BatchSettings settings, Path dir, int threads,
                          IntConsumer progress, BooleanSupplier cancelled) throws IOException, InterruptedException {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("--out " + dir + " is a file; give a folder");
        Files.createDirectories(dir.resolve("rows"));
        if (settings.traces()) Files.createDirectories(dir.resolve("traces"));
        requireSameBatch(dir, settings, prompts.size());
        List<BatchPrompt> todo = new ArrayList<>();
        for (BatchPrompt p : prompts) {
            if (Files.exists(rowsFile(dir, p.index()))) progress.accept(1);
            else todo.add(p);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (BatchPrompt p : todo) {
                running.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                    BatchJob.Result r = BatchJob.run(model, p, settings);
                    if (settings.traces()) TraceFile.write(dir.resolve("traces").resolve(name(p.index()) + ".npz"), r.trace());
                    AtomicFile.write(rowsFile(dir, p.index()), tmp -> Files.writeString(tmp, csv(r.rows(), false)));
                    progress.accept(1);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof CancellationException c) throw c;
                    if (cause instanceof IOException io) throw io;
                    if (cause instanceof RuntimeException re) throw re;
                    throw new IOException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        writeSummary(dir, prompts);
        return todo.size();
    }

    static Path rowsFile(Path dir, int index) {
        return dir.resolve("rows").resolve(name(index) + ".csv");
    }

    private static String name(int index) {
        return String.format("%05d", index);
    }

    static String csv(List<BatchRow> rows, boolean header) throws IOException {
        StringWriter out = new StringWriter();
        if (header) Csv.row(out, BatchRow.header(CRITERIA));
        for (BatchRow r : rows) Csv.row(out, r.fields(CRITERIA));
        return out.toString();
    }

    private static void writeSummary(Path dir, List<BatchPrompt> prompts) throws IOException {
        AtomicFile.write(dir.resolve(SUMMARY), tmp -> {
            try (Writer w = Files.newBufferedWriter(tmp)) {
                Csv.row(w, BatchRow.header(CRITERIA));
                for (BatchPrompt p : prompts) w.write(Files.readString(rowsFile(dir, p.index())));
            }
        });
    }

    /** batch.json: written by the first run; a resumed run must have the same settings and prompt count. */
    private static void requireSameBatch(Path dir, BatchSettings settings, int prompts) throws IOException {
        Path file = dir.resolve("batch.json");
        ObjectNode expected = JSON.createObjectNode();
        expected.put("format", FORMAT);
        expected.put("version", VERSION);
        expected.put("prompts", prompts);
        expected.set("settings", JSON.valueToTree(settings));
        if (!Files.exists(file)) {
            AtomicFile.write(file, tmp -> Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected)));
            return;
        }
        JsonNode found;
        try {
            found = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a batch description (" + e.getMessage().lines().findFirst().orElse("") + "); use another --out");
        }
        if (found == null || !FORMAT.equals(found.path("format").asText())) throw new IOException(file + " is not a LoopScope batch; use another --out");
        if (found.path("version").asInt() != VERSION) {
            throw new IOException(dir + " holds a batch of format version " + found.path("version").asText() + ", this LoopScope writes " + VERSION
                    + "; use another --out");
        }
        // compared as read back: a long written as 0 reads back as an int node, which equals() tells apart
        if (!JSON.readTree(JSON.writeValueAsString(expected)).equals(found)) {
            throw new IOException(dir + " holds a batch with other settings or prompts (" + found.path("settings") + ", " + found.path("prompts")
                    + " prompts); resume it with the same options or use another --out");
        }
    }
}
