package io.loopscope.app;

import io.loopscope.analysis.projection.PcaOptions;
import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.convergence.ExitDistribution;
import io.loopscope.analysis.convergence.ExitStatistics;
import io.loopscope.analysis.convergence.TokenConvergence;
import io.loopscope.analysis.export.ExportFile;
import io.loopscope.analysis.export.ProjectionTable;
import io.loopscope.analysis.export.TokenTable;
import io.loopscope.analysis.paths.PromptComparison;
import io.loopscope.analysis.paths.PromptGroups;
import io.loopscope.analysis.paths.TokenAttractor;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.ReportJson;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tokenizer.Tokenizers;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import io.loopscope.ui.engine.LoadedRuns;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.TraceTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope analyze}: motifs, steps-to-exit and PCA of recorded traces (or of a fresh run). */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Classify every token's trajectory (fixed-point, orbit, slider, diverging, other) with its evidence,",
            "compute steps-to-exit for every exit criterion, and fit a PCA over all states.",
            "Input: one or more trace NPZ files (only 'states' [R+1, S, H] is required), or a model and a prompt.",
            "JSON: {\"tokens\": [{index, token, motif, evidence, exit_steps, final_distance}], \"pca\": {explained_variance (ratios)}, ...};",
            "with several traces {\"traces\": [...], \"exit_distributions_by_label\": {...}, \"path_independence\": [...]}.",
            "Several traces of the same prompt (same ids) from different s0 are compared for path independence.",
            "Figures spell the lens's guesses with the tokenizer of the model run, else of --model DIR, else of the model a trace's meta.json names (its folder when that is on this machine, else the embedded model when it names that one)."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", paramLabel = "DIR", description = "Summarise a loopscope batch folder instead: per category the steps-to-exit "
            + "histogram (DIR/" + BatchReport.FIGURE + ") and the motif census, at --batch-exit.")
    Path batch;

    @Option(names = "--batch-exit", defaultValue = "kl", paramLabel = "CRITERION", description = "The exit column --batch counts (default: ${DEFAULT-VALUE}).")
    String batchExit;

    @Option(names = "--trace", paramLabel = "FILE.npz", arity = "1..*", description = "Trace file(s) to analyse.")
    List<Path> traces = new ArrayList<>();

    @Mixin
    ModelOption modelOption;

    @Option(names = "--prompt", description = "Run the model on this text (needs the model's tokenizer.json).")
    String prompt;

    @Option(names = "--ids", split = ",", description = "Run the model on these token ids.")
    long[] ids;

    @Option(names = {"-r", "--iterations"}, description = "Loop iterations R of the run (default: the model's mean_recurrence).")
    Integer iterations;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the run's random s0 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--space", description = "raw or normalized (default: normalized when the trace has ln_f_weight, else raw).")
    String space;

    @Option(names = "--exit-thresholds", split = ",", paramLabel = "CRITERION=VALUE",
            description = "Override exit thresholds, e.g. kl=1e-4,latent-diff=0.05.")
    Map<String, Double> exitThresholds;

    @Option(names = "--components", defaultValue = "" + PcaOptions.MAX_COMPONENTS,
            description = "PCA components, 1.." + PcaOptions.MAX_COMPONENTS + " (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--reference", paramLabel = "FILE.npz",
            description = "A longer run of the same prompt (same ids): its final states are s* for the distances ||s_i - s*||.")
    Path reference;

    @Option(names = "--tolerance", defaultValue = "0.05",
            description = "Path independence: late-state sets closer than this share of the state norm are one attractor (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--csv", paramLabel = "OUT.csv",
            description = "Also write the per-token analysis as CSV (motif, evidence, exit step per criterion, final distance).")
    Path csv;

    @Option(names = "--projections", paramLabel = "OUT.csv", description = "Also write every state's PCA projection as CSV (trace, token, step, pc1..pcK).")
    Path projections;

    @Mixin
    FiguresOption figures;

    @Option(names = "--stability", description = "Also estimate each token's local stability: the leading eigenvalues of the loop map's "
            + "Jacobian at its last state (needs the model: the one run, --model DIR, or the embedded model a trace names).")
    boolean stability;

    @Override
    public Integer call() throws Exception {
        MapOptions.requireUniqueKeys(spec, "--exit-thresholds");
        boolean run = prompt != null || ids != null;
        if (batch != null) {
            if (!traces.isEmpty() || run) throw new IllegalArgumentException("give either --batch or --trace/--prompt/--ids, not both");
            io.loopscope.inference.exit.ExitCriterion.byId(batchExit);
            BatchReport.run(batch, batchExit, spec.commandLine().getOut());
            return 0;
        }
        if (traces.isEmpty() && !run) throw new IllegalArgumentException("give --trace FILE.npz … or --prompt/--ids (with --model) to run a model");
        if (!traces.isEmpty() && run) throw new IllegalArgumentException("give either --trace files or --prompt/--ids, not both");
        if (prompt != null && ids != null) throw new IllegalArgumentException("give either --prompt or --ids, not both");
        for (Path out : new Path[] {json, csv, projections}) if (out != null) Outputs.requireWritableTarget(out);
        if (!(tolerance > 0)) throw new IllegalArgumentException("--tolerance must be > 0, got " + tolerance);
        if (figures.requested()) figures.formats(); // a typo in --format fails before the work
        if (!run && modelOption.model != null && !Files.isDirectory(modelOption.model)) {
            throw new IllegalArgumentException("--model " + modelOption.model + " is not a model folder");
        }
        ExitThresholds thresholds = ExitThresholds.of(exitThresholds);
        AnalysisOptions options = new AnalysisOptions(space == null ? null : StateSpace.byId(space), thresholds,
                AnalysisOptions.defaults().motifs(), requireComponents(components));

        List<TraceData> data = new ArrayList<>();
        ModelHandle model = null;
        if (run) {
            model = modelOption.open(spec.commandLine().getErr());
            data.add(runModel(model, thresholds));
        } else {
            for (Path p : traces) data.add(TraceLoader.load(p));
        }
        TraceData ref = reference == null ? null : TraceLoader.load(reference);
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> jsonTraces = new ArrayList<>();
        List<TraceReport> reports = new ArrayList<>();
        ModelHandle stabilityModel = stability ? (model != null ? model : stabilityModel(data)) : null;
        for (TraceData d : data) {
            TraceReport report = TraceAnalysis.analyze(d, options, ref);
            List<StabilityColumn.TokenStability> stable = stability ? StabilityColumn.of(stabilityModel.model(), d, report.motifs()) : null;
            print(out, report, stable);
            reports.add(report);
            Map<String, Object> traceJson = ReportJson.trace(report, d.nonFinite());
            if (stable != null) addStability(traceJson, stable);
            jsonTraces.add(traceJson);
        }
        Map<String, Map<ExitCriterion, ExitDistribution>> groups = null;
        List<PromptComparison> paths = List.of();
        if (data.size() > 1) {
            groups = ExitStatistics.byLabel(data, thresholds);
            printGroups(out, groups);
            paths = PromptGroups.compare(data, options.space(), tolerance);
            printPaths(out, paths, PromptGroups.withoutIds(data));
        }
        if (json != null) {
            Object doc;
            if (groups == null) {
                doc = jsonTraces.getFirst();
            } else {
                Map<String, Object> all = new LinkedHashMap<>();
                all.put("traces", jsonTraces);
                Map<String, Object> byLabel = new LinkedHashMap<>();
                groups.forEach((label, dist) -> byLabel.put(label, ReportJson.distributions(dist)));
                all.put("exit_distributions_by_label", byLabel);
                all.put("path_independence", ReportJson.pathIndependence(paths));
                doc = all;
            }
            ExportFile.write(json, w -> ReportJson.JSON.writeValue(w, doc));
            out.println("wrote " + json);
        }
        if (csv != null) {
            TokenTable.writeCsv(csv, reports);
            out.println("wrote " + csv);
        }
        if (projections != null) writeProjections(out, reports);
        if (figures.requested()) figures.write(runs(data, reports, model, out), out);
        return 0;
    }

    /**
     * Each trace as the workbench shows it, its lens's guesses spelled by its model's tokenizer: the
     * model just run, else --model, else the one the trace's meta.json names. A trace file holds no
     * vocabulary, so without one the guesses read "#id", and a note says why.
     */
    private List<RunResult> runs(List<TraceData> data, List<TraceReport> reports, ModelHandle ran, PrintWriter out) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            TraceData d = data.get(i);
            if (ran != null) {
                if (ran.tokenizer().isEmpty()) noteUnspelled(out, d, "the model " + ran.name() + " has no " + Tokenizers.TOKENIZER_FILE);
                runs.add(LoadedRuns.of(d, reports.get(i), ran::tokenString));
                continue;
            }
            try (TraceTokenizer tokenizer = modelOption.model != null ? TraceTokenizer.ofModel(modelOption.model)
                    : TraceTokenizer.of(d.info(), ModelOption::embeddedDirectory)) {
                if (tokenizer.missing() != null) noteUnspelled(out, d, tokenizer.missing());
                runs.add(LoadedRuns.of(d, reports.get(i), tokenizer.spelling()));
            }
        }
        return runs;
    }

    /** Only where a lens figure is drawn: other figures show prompt tokens, which the trace spells itself. */
    private static void noteUnspelled(PrintWriter out, TraceData d, String why) {
        if (d.lensTopk() != null && d.lensTopk().hasProbabilities()) out.println("note: the lens figures of " + d.source() + " label guesses #id: " + why);
    }

    private void writeProjections(PrintWriter out, List<TraceReport> reports) throws java.io.IOException {
        List<ProjectionTable.Entry> entries = new ArrayList<>();
        for (TraceReport r : reports) {
            if (r.pca() != null) entries.add(new ProjectionTable.Entry(r.source(), r.tokens(), r.pca()));
            else out.println("no projections for " + r.source() + ": " + r.pcaUnavailable());
        }
        if (entries.isEmpty()) throw new IllegalArgumentException("no trace has a PCA, so there are no projections to write");
        ProjectionTable.writeCsv(projections, entries);
        out.println("wrote " + projections);
    }

    private TraceData runModel(ModelHandle model, ExitThresholds thresholds) {
        long[] tokenIds = ids != null ? ids : model.encode(prompt);
        int r = iterations != null ? iterations : model.model().defaultIterations();
        TraceRequest request = new TraceRequest(tokenIds, r, new StateInit.Random(seed), TraceRequest.DEFAULT_TOP_K, false, thresholds,
                TraceRequest.DEFAULT_MAX_ITERATIONS, null);
        Trace trace = Tracer.run(model.subject(), request, model.tokenStrings(tokenIds), Version.current(), step -> { }, () -> false);
        return TraceLoader.fromTrace(trace, model.name() + " (run)");
    }

    private static int requireComponents(int components) {
        if (components < 1 || components > PcaOptions.MAX_COMPONENTS) {
            throw new IllegalArgumentException("--components must be 1.." + PcaOptions.MAX_COMPONENTS + ", got " + components);
        }
        return components;
    }

    /** The model a trace was recorded with, for --stability: --model DIR, else the embedded model when the trace names it. */
    private ModelHandle stabilityModel(List<TraceData> data) throws Exception {
        if (modelOption.model != null) return modelOption.open(spec.commandLine().getErr());
        boolean embedded = data.stream().allMatch(d -> d.info() != null && io.loopscope.inference.trace.RunInfo.EMBEDDED.equals(d.info().model()));
        if (!embedded) throw new IllegalArgumentException("--stability needs the model the traces were recorded with: pass --model DIR");
        return modelOption.open(spec.commandLine().getErr());
    }

    @SuppressWarnings("unchecked")
    private static void addStability(Map<String, Object> traceJson, List<StabilityColumn.TokenStability> stable) {
        List<Map<String, Object>> tokens = (List<Map<String, Object>>) traceJson.get("tokens");
        for (int t = 0; t < tokens.size(); t++) tokens.get(t).put("stability", StabilityColumn.json(stable.get(t)));
    }

    static void print(PrintWriter out, TraceReport r) {
        print(out, r, null);
    }

    static void print(PrintWriter out, TraceReport r, List<StabilityColumn.TokenStability> stable) {
        out.printf(Locale.ROOT, "%s: %d tokens × %d iterations, H = %d, %s space%s%n", r.source(), r.tokens().size(), r.iterations(),
                r.hidden(), r.space().id(), r.label() == null ? "" : ", label " + r.label());
        for (String note : r.notes()) out.println("  note: " + note);
        if (r.reference() != null) out.println("  s* = the final states of the reference run " + r.reference());
        for (int t = 0; t < r.tokens().size(); t++) {
            MotifResult m = r.motifs().get(t);
            String generated = r.generatedNote(t);
            out.printf(Locale.ROOT, "  [%d] %-12s %s%s%n", t, quote(r.tokens().get(t)), generated.isEmpty() ? "" : "(" + generated + ") ",
                    m.describe());
            out.println("       exit at " + exitSummary(r, t));
            if (stable != null) out.println("       " + StabilityColumn.describe(stable.get(t)));
            if (r.reference() != null) {
                TokenConvergence c = r.convergence().get(t);
                out.printf(Locale.ROOT, "       distance to s*: %.4g at the last step (%.2f%% of |s*|)%n", c.finalDistance(), 100 * c.relativeFinalDistance());
            }
        }
        List<String> unavailable = new ArrayList<>();
        for (CriterionSteps s : r.exitSteps().values()) if (!s.available()) unavailable.add(s.criterion().id() + " (" + s.unavailable() + ")");
        if (!unavailable.isEmpty()) out.println("  not computed: " + String.join("; ", unavailable));
        if (r.pca() != null) {
            StringBuilder ratios = new StringBuilder();
            for (double v : r.pca().explainedVarianceRatio()) ratios.append(ratios.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f%%", 100 * v));
            out.printf(Locale.ROOT, "  PCA (%s, %d states): explained variance %s%n", r.pca().method(), r.pca().fittedStates(), ratios);
        } else {
            out.println("  PCA unavailable: " + r.pcaUnavailable());
        }
    }

    private static String exitSummary(TraceReport r, int token) {
        List<String> parts = new ArrayList<>();
        for (CriterionSteps s : r.exitSteps().values()) {
            if (!s.available()) continue;
            Integer step = s.steps().get(token);
            parts.add(s.criterion().id() + " " + (step == null ? "never" : step));
        }
        return parts.isEmpty() ? "(no criterion available)" : String.join(", ", parts);
    }

    private static void printGroups(PrintWriter out, Map<String, Map<ExitCriterion, ExitDistribution>> groups) {
        out.println("exit steps by label (mean / median over tokens; never = did not exit):");
        groups.forEach((label, byCriterion) -> {
            out.println("  " + label + ":");
            byCriterion.forEach((c, d) -> out.printf(Locale.ROOT, "    %-17s mean %s, median %s, never %d of %d%n", c.id(),
                    d.mean() == null ? "-" : String.format(Locale.ROOT, "%.1f", d.mean()),
                    d.median() == null ? "-" : String.format(Locale.ROOT, "%.1f", d.median()), d.never(), d.tokens()));
        });
    }

    /** Per prompt with two or more runs: does each token reach the same attractor from every s0, with the numbers. */
    static void printPaths(PrintWriter out, List<PromptComparison> comparisons, List<String> withoutIds) {
        if (comparisons.isEmpty()) {
            out.println("path independence: no two traces share a prompt (same ids), nothing to compare");
        }
        for (PromptComparison c : comparisons) {
            out.printf(Locale.ROOT, "path independence of %d runs of ids %s (%s; %s space, tolerance %.1f%% of the state norm):%n",
                    c.sources().size(), java.util.Arrays.toString(c.ids()), String.join(", ", c.sources()), c.space().id(), 100 * c.tolerance());
            for (String note : c.notes()) out.println("  note: " + note);
            if (c.unavailable() != null) {
                out.println("  not compared: " + c.unavailable());
                continue;
            }
            for (TokenAttractor a : c.attractors()) {
                out.printf(Locale.ROOT, "  [%d] %-12s %s: late states %.3g apart as sets (%.2f%% of the norm), final states %.3g apart, s0 %.3g apart%n",
                        a.token(), quote(c.tokens().get(a.token())), a.sameAttractor() ? "same attractor" : "DIFFERENT attractors",
                        a.setDistance(), 100 * a.relativeSetDistance(), a.finalSpread(), a.initialSpread());
            }
            out.printf(Locale.ROOT, "  %d of %d tokens reach the same attractor from every s0%n", c.sameCount(), c.attractors().size());
        }
        if (!withoutIds.isEmpty()) out.println("  not grouped (no ids recorded): " + String.join(", ", withoutIds));
    }

    private static String quote(String token) {
        return "'" + token.replace("\n", "\\n") + "'";
    }
}
