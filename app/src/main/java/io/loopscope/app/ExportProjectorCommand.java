package io.loopscope.app;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.export.ProjectorExport;
import io.loopscope.analysis.motif.MotifClassifier;
import io.loopscope.analysis.motif.MotifThresholds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope export-projector}: a trace's states as TensorBoard Embedding Projector files. */
@Command(name = "export-projector", mixinStandardHelpOptions = true,
        description = {"Write every state of a trace as files for TensorBoard's Embedding Projector:",
            "vectors.tsv (one state per line) and metadata.tsv (token, token_index, step, motif, __seq_next__).",
            "__seq_next__ links each token's consecutive steps, so the Projector draws every trajectory as a polyline.",
            "Load both files with the Projector's Load button, or point a TensorBoard projector_config at them."})
public final class ExportProjectorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trace", paramLabel = "FILE.npz", required = true, description = "The trace to export (only 'states' is required).")
    Path trace;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--space", description = "raw or normalized (default: normalized when the trace has ln_f_weight, else raw).")
    String space;

    @Override
    public Integer call() throws Exception {
        TraceData data = TraceLoader.load(trace);
        StateSpace s = space == null ? data.defaultSpace() : StateSpace.byId(space);
        if (s == StateSpace.NORMALIZED && !data.canNormalize()) {
            throw new IllegalArgumentException(data.source() + " has no ln_f_weight, so states cannot be normalized; use --space raw");
        }
        ProjectorExport.Result r = ProjectorExport.write(out, data, s, new MotifClassifier(MotifThresholds.defaults()).classify(data, s));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "wrote %d states (%d tokens × %d steps, H = %d, %s space) to %s and %s%n", r.points(), data.tokens(), data.steps(),
                data.hidden(), s.id(), r.vectors(), r.metadata());
        if (r.skipped() > 0) w.printf(Locale.ROOT, "left out %d NaN/Inf states (the Projector cannot read them); their polylines end there%n", r.skipped());
        return 0;
    }
}
