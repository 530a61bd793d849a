package io.loopscope.ui.view;

import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.export.ProjectionTable;
import io.loopscope.analysis.export.ProjectorExport;
import io.loopscope.analysis.export.TokenTable;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.ui.engine.ReportBacked;
import io.loopscope.ui.engine.RunResult;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import io.loopscope.ui.task.TaskHandle;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * File → Export's data files, written by the same writers as the command line (the trace NPZ as
 * {@code trace} writes it; the analysis module's token table, projections and Embedding Projector
 * files), each atomically by its writer.
 */
public final class DataExports {

    /** What can be exported. */
    public enum Kind {
        TRACE("Trace (NPZ)", "trace.npz", "*.npz"),
        TOKENS_CSV("Per-token analysis (CSV)", "tokens.csv", "*.csv"),
        TOKENS_JSON("Per-token analysis (JSON)", "tokens.json", "*.json"),
        PROJECTIONS("Projections (CSV)", "projections.csv", "*.csv"),
        PROJECTOR("Embedding Projector files (TSV)", "projector", null);

        final String title, defaultName, pattern;

        Kind(String title, String defaultName, String pattern) {
            this.title = title;
            this.defaultName = defaultName;
            this.pattern = pattern;
        }
    }

    private final WorkbenchContext ctx;
    private final FileActions files;

    DataExports(WorkbenchContext ctx, FileActions files) {
        this.ctx = ctx;
        this.files = files;
    }

    /** Asks where, then writes. */
    public void export(Kind kind) {
        if (!files.haveRun()) return;
        File target;
        if (kind.pattern == null) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the " + kind.title);
            target = chooser.showDialog(ctx.window());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export " + kind.title);
            chooser.setInitialFileName(kind.defaultName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind.title, kind.pattern));
            target = chooser.showSaveDialog(ctx.window());
        }
        if (target != null) export(kind, target.toPath());
    }

    /** Writes the current run's data of this kind to target (a file, or a folder for the projector). */
    public TaskHandle export(Kind kind, Path target) {
        RunResult r = ctx.workbench().result();
        return files.run("Exporting " + kind.title + "…", p -> {
            if (kind == Kind.TRACE) {
                TraceFile.write(target, r.trace());
                return target;
            }
            TraceData data;
            TraceReport report;
            if (r.analysis() instanceof ReportBacked rb) {
                data = rb.data();
                report = rb.report();
            } else { // an analysis that is not the module's own (tests): compute the module's from the trace
                data = TraceLoader.fromTrace(r.trace(), r.trace().info().model());
                report = TraceAnalysis.analyze(data, AnalysisOptions.defaults());
            }
            switch (kind) {
                case TOKENS_CSV -> TokenTable.writeCsv(target, List.of(report));
                case TOKENS_JSON -> TokenTable.writeJson(target, List.of(report));
                case PROJECTIONS -> {
                    if (report.pca() == null) throw new IllegalStateException("no projections: " + report.pcaUnavailable());
                    ProjectionTable.writeCsv(target, List.of(new ProjectionTable.Entry(report.source(), report.tokens(), report.pca())));
                }
                case PROJECTOR -> ProjectorExport.write(target, data, report.space(), report.motifs());
                default -> throw new IllegalStateException(kind.name());
            }
            return target;
        }, p -> ctx.run().messageProperty().set("Wrote " + kind.title + " to " + p), kind.title + " could not be written");
    }
}
