package io.loopscope.ui.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loopscope.analysis.SessionFormat;
import io.loopscope.inference.io.Npz;
import io.loopscope.inference.trace.RunInfo;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.ui.engine.Analyzer;
import io.loopscope.ui.engine.LoadedRuns;
import io.loopscope.ui.engine.PairComparison;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.engine.TraceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A session on disk: one NPZ that numpy opens. The current run's arrays carry exactly the names the
 * {@code trace} command writes (ids, states, lens_…, meta.json), so a session is also a trace for
 * {@code analyze --trace}; Compare's run B sits beside them under "compare/"; "session.json" holds
 * the format version, each run's settings and vocabulary, and the view state.
 *
 * <p>The analysis is not stored: it is a deterministic function of the trace and is recomputed on
 * opening (seconds at most), which keeps the file small and always in step with this version's
 * analysis. The model is never re-run.
 */
public final class SessionFile {
    public static final String ENTRY = SessionFormat.ENTRY;
    public static final String FORMAT = SessionFormat.FORMAT;
    /** The newest format this version writes and reads. */
    public static final int VERSION = SessionFormat.VERSION;
    static final String COMPARE_PREFIX = "compare/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionFile() {
    }

    /** Writes the session atomically (a failed save leaves the previous file as it was). */
    public static void write(Path target, SessionState s, String appVersion) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        Path tmp = Files.createTempDirectory("loopscope-session");
        try {
            addRun(s.run(), "", tmp, arrays, texts, runs);
            if (s.compareRun() != null) addRun(s.compareRun(), COMPARE_PREFIX, tmp, arrays, texts, runs);
        } finally {
            deleteTree(tmp);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("written_by", "LoopScope " + appVersion);
        doc.put("runs", runs);
        doc.put("view", SessionJson.view(s.view()));
        texts.put(ENTRY, JSON.writeValueAsString(doc));
        Npz.write(target, arrays, texts);
    }

    private static void addRun(RunResult r, String prefix, Path tmp, Map<String, INDArray> arrays, Map<String, String> texts,
                               List<Map<String, Object>> runs) throws IOException {
        if (r.trace().finalLatent() == null || r.trace().lnFWeight() == null) {
            throw new IOException("this run was loaded from a trace without final_latent/ln_f_weight, so it cannot be saved as a session");
        }
        // the trace's own writer names the arrays; its NPZ is then merged in under the prefix
        Path file = tmp.resolve("run" + runs.size() + ".npz");
        TraceFile.write(file, r.trace());
        Npz.Contents c = Npz.read(file);
        c.arrays().forEach((k, v) -> arrays.put(prefix + k, v));
        c.texts().forEach((k, v) -> texts.put(prefix + k, v));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("prefix", prefix);
        run.put("spec", SessionJson.spec(r.spec()));
        run.put("model_name", r.model().name());
        run.put("model_description", r.model().description());
        run.put("trace_ms", r.traceMs());
        run.put("analysis_ms", r.analysisMs());
        run.put("vocabulary", vocabulary(r));
        runs.add(run);
    }

    /** Every token id the run can show (prompt and lens top-k) with its string, so reopening needs no tokenizer. */
    static Map<String, String> vocabulary(RunResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        LoadedRuns.vocabulary(r.trace(), r::tokenString).forEach((k, s) -> out.put(Long.toString(k), s));
        return out;
    }

    /** As below, looking for a plain trace's tokenizer only in the model folder it records. */
    public static SessionState read(Path source, Analyzer analyzer) throws IOException {
        return read(source, analyzer, info -> TraceTokenizer.of(info, () -> null));
    }

    /**
     * Reads a session (or a plain trace NPZ, which opens with the default view and its lens's guesses
     * spelled by tokenizers' choice of tokenizer) and re-analyses its runs. Throws
     * {@link SessionFormatException} with a message for people for anything it cannot read.
     */
    public static SessionState read(Path source, Analyzer analyzer, Function<RunInfo, TraceTokenizer> tokenizers) throws IOException {
        Npz.Contents npz;
        try {
            npz = Npz.read(source);
        } catch (IOException e) {
            throw new SessionFormatException(source.getFileName() + " could not be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SessionFormatException(source.getFileName() + " is damaged (an array could not be decoded: " + e.getMessage() + ")", e);
        }
        String json = npz.texts().get(ENTRY);
        if (json == null) {
            if (npz.texts().containsKey(TraceFile.META_ENTRY)) return traceOnly(source, analyzer, tokenizers);
            throw new SessionFormatException(source.getFileName() + " is not a LoopScope session or trace (it has no " + ENTRY + " and no meta.json)");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SessionFormatException(source.getFileName() + " is damaged: its " + ENTRY + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        checkVersion(source, doc);
        try {
            JsonNode runs = doc.path("runs");
            if (!runs.isArray() || runs.isEmpty()) throw new SessionFormatException(source.getFileName() + " holds no runs");
            RunResult a = loadRun(source, npz, runs.get(0), analyzer);
            RunResult b = runs.size() > 1 ? loadRun(source, npz, runs.get(1), analyzer) : null;
            PairComparison cmp = b == null ? null : analyzer.compare(a.trace(), b.trace());
            var bInA = b == null ? null : analyzer.inFrameOf(a.analysis(), b.analysis());
            return new SessionState(a, b, cmp, SessionJson.view(doc.path("view"), a), bInA);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SessionFormatException(source.getFileName() + " is damaged: " + e.getMessage(), e);
        }
    }

    static void checkVersion(Path source, JsonNode doc) throws SessionFormatException {
        String problem = SessionFormat.problem(source.getFileName().toString(), doc);
        if (problem != null) throw new SessionFormatException(problem);
    }

    private static RunResult loadRun(Path source, Npz.Contents npz, JsonNode run, Analyzer analyzer) throws IOException {
        String prefix = run.path("prefix").asText("");
        Trace trace = readTrace(source, npz, prefix);
        RunSpec spec = SessionJson.spec(run.path("spec"), trace);
        Map<Long, String> vocab = new LinkedHashMap<>();
        run.path("vocabulary").properties().forEach(e -> vocab.put(Long.parseLong(e.getKey()), e.getValue().asText()));
        RunResult loaded = LoadedRuns.of(trace, analyzer.analyze(trace), vocab, "loaded from a session", spec);
        // keep the name and timings the status line showed
        var model = new io.loopscope.ui.engine.TraceOnlyModel(run.path("model_name").asText(trace.info().model()),
                run.path("model_description").asText("loaded from a session"), ((io.loopscope.ui.engine.TraceOnlyModel) loaded.model()).vocabulary());
        return new RunResult(spec, model, trace, loaded.analysis(), run.path("trace_ms").asDouble(), run.path("analysis_ms").asDouble());
    }

    /** One run's arrays, through the trace reader (so sessions and traces are validated alike). */
    private static Trace readTrace(Path source, Npz.Contents npz, String prefix) throws IOException {
        if (prefix.isEmpty()) return guarded(source, () -> TraceFile.read(source));
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        npz.arrays().forEach((k, v) -> { if (k.startsWith(prefix)) arrays.put(k.substring(prefix.length()), v); });
        npz.texts().forEach((k, v) -> { if (k.startsWith(prefix)) texts.put(k.substring(prefix.length()), v); });
        Path tmp = Files.createTempDirectory("loopscope-session");
        try {
            Path file = tmp.resolve("run.npz");
            Npz.write(file, arrays, texts);
            return guarded(source, () -> TraceFile.read(file));
        } finally {
            deleteTree(tmp);
        }
    }

    private interface TraceRead {
        Trace read() throws IOException;
    }

    private static Trace guarded(Path source, TraceRead r) throws SessionFormatException {
        try {
            return r.read();
        } catch (IOException | RuntimeException e) {
            throw new SessionFormatException(source.getFileName() + " is damaged: " + e.getMessage(), e);
        }
    }

    /** A trace file holds ids and no vocabulary: the tokenizer of the model it names spells them, when it can be found. */
    private static SessionState traceOnly(Path source, Analyzer analyzer, Function<RunInfo, TraceTokenizer> tokenizers) throws IOException {
        Trace trace = guarded(source, () -> TraceFile.read(source));
        try (TraceTokenizer tokenizer = tokenizers.apply(trace.info())) {
            String description = tokenizer.missing() == null ? "a trace file" : "a trace file; its lens guesses read #id: " + tokenizer.missing();
            RunResult r = LoadedRuns.of(trace, analyzer.analyze(trace), LoadedRuns.vocabulary(trace, tokenizer.spelling()), description, null);
            return new SessionState(r, null, null, SessionJson.defaultView(r));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a save for
        }
    }
}
