package io.loopscope.ui.view;

import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.figure.Figure;
import io.loopscope.ui.figure.FigureSet;
import io.loopscope.ui.figure.FigureWriter;
import io.loopscope.ui.session.SessionFile;
import io.loopscope.ui.session.SessionState;
import io.loopscope.ui.vm.FigureExportViewModel;
import io.loopscope.ui.vm.SessionBinding;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import io.loopscope.ui.task.BackgroundTask;
import io.loopscope.ui.task.TaskExecutor.Lane;
import io.loopscope.ui.task.TaskHandle;
import io.loopscope.ui.task.Work;
import java.util.function.Consumer;
import javafx.stage.FileChooser;

/**
 * File menu work: sessions and figure exports. Files are written and read on the executor's file
 * lane (a save must not wait behind a long model run), with progress and the outcome
 * in the run bar's message, and failures in the error dialog. Nothing on screen changes until a
 * session has been read completely, so a damaged file loses nothing.
 */
public final class FileActions {
    private final WorkbenchContext ctx;
    private final SessionBinding binding;
    private final FigureExportViewModel export = new FigureExportViewModel();
    private Path lastFolder = Path.of(System.getProperty("user.home"));
    private Path sessionFile;

    FileActions(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.binding = new SessionBinding(ctx.workbench(), ctx.compare(), ctx.run());
    }

    public SessionBinding binding() {
        return binding;
    }

    public FigureExportViewModel exportSettings() {
        return export;
    }

    String theme() {
        return ctx.chartStyle().dark() ? Themes.DARK : Themes.LIGHT;
    }

    // ---- models ----

    /** Asks for a model folder (tests answer in the chooser's place); null: cancelled. */
    java.util.function.Supplier<Path> folderChooser = this::chooseFolder;

    private Path chooseFolder() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Open a model folder (config.json + *.safetensors)");
        File dir = chooser.showDialog(ctx.window());
        return dir == null ? null : dir.toPath();
    }

    /** File → Open model folder (and the start panel's button): the chosen folder joins the picker, selected. */
    public void openModelFolder() {
        Path dir = folderChooser.get();
        if (dir != null) ctx.run().openFolder(dir);
    }

    // ---- figures ----

    /** A chart's "Export figure…": the figure as on screen (built fresh from the view's data), to a chosen file. */
    public void exportFigure(Figure figure, String what) {
        export.forFigure(figure.name(), figure.width(), figure.height(), lastFolder);
        FigureExportDialog.single(ctx.window(), export, what).ifPresent(q -> {
            Figure sized = figure.withSize(q.width(), q.height());
            run("Exporting " + q.target().getFileName() + "…", p -> {
                FigureWriter.write(sized, q.formats().getFirst(), q.target(), q.dpi());
                return q.target();
            }, p -> {
                lastFolder = folderOf(p);
                done("Wrote " + p);
            }, "The figure could not be written");
        });
    }

    /** File → Export → Figure set: asks for a folder and formats, then writes the paper layout. */
    public void exportFigureSet() {
        if (!haveRun()) return;
        if (export.targetProperty().get().isBlank() || FigureSetName.looksLikeFile(export.targetProperty().get())) {
            export.targetProperty().set(lastFolder.resolve("loopscope-figures").toString());
        }
        FigureExportDialog.set(ctx.window(), export).ifPresent(q -> exportFigureSet(q.target(), q.formats(), q.dpi()));
    }

    /** Writes the figure set of the current run, selection and criterion into dir (tests call this directly). */
    public TaskHandle exportFigureSet(Path dir, List<io.loopscope.ui.figure.FigureFormat> formats, int dpi) {
        RunResult r = ctx.workbench().result();
        var sel = ctx.workbench().selection();
        FigureSet.Request req = new FigureSet.Request(sel.tokens(), sel.stepProperty().get() >= r.iterations() ? -1 : sel.stepProperty().get(),
                ctx.workbench().criterionProperty().get(), ctx.workbench().thresholdProperty().get(), ctx.chartStyle());
        return run("Exporting the figure set…", p -> {
            p.message("Drawing the figures…");
            List<Figure> figures = FigureSet.build(r, req);
            p.message("Writing " + figures.size() * formats.size() + " files to " + dir + "…");
            return FigureSet.write(figures, dir, formats, dpi, null);
        }, paths -> {
            lastFolder = dir;
            done("Wrote " + paths.size() + " figure files to " + dir);
        }, "The figure set could not be written");
    }

    // ---- sessions ----

    public void saveSession() {
        if (sessionFile == null) saveSessionAs();
        else saveSession(sessionFile);
    }

    public void saveSessionAs() {
        if (!haveRun()) return;
        FileChooser chooser = sessionChooser("Save the session");
        chooser.setInitialFileName(sessionFile == null ? "session.npz" : sessionFile.getFileName().toString());
        File f = chooser.showSaveDialog(ctx.window());
        if (f != null) saveSession(f.getName().contains(".") ? f.toPath() : f.toPath().resolveSibling(f.getName() + ".npz"));
    }

    public TaskHandle saveSession(Path target) {
        SessionState s = binding.capture(theme());
        if (s == null) {
            haveRun();
            return null;
        }
        String version = ctx.services().version();
        return run("Saving the session…", p -> {
            SessionFile.write(target, s, version);
            return target;
        }, p -> {
            sessionFile = p;
            lastFolder = folderOf(p);
            done("Saved the session to " + p);
        }, "The session could not be saved");
    }

    public void openSession() {
        FileChooser chooser = sessionChooser("Open a session (or a trace)");
        File f = chooser.showOpenDialog(ctx.window());
        if (f != null) openSession(f.toPath());
    }

    /** Reads the session in the background and puts it on screen only when it was read completely. */
    public TaskHandle openSession(Path source) {
        return openSession(source, false);
    }

    /** As {@link #openSession(Path)}; a recovered session is not "the session file" (Save asks where). */
    TaskHandle openSession(Path source, boolean recovered) {
        var analyzer = ctx.services().pipeline().analyzer();
        var loader = ctx.services().pipeline().loader();
        return run("Opening " + source.getFileName() + "…", p -> {
            p.message("Opening " + source.getFileName() + " (re-analysing its runs; the model is not run)…");
            return SessionFile.read(source, analyzer, loader::tokenizerOf);
        }, s -> {
            applySession(s);
            if (!recovered) {
                sessionFile = source;
                lastFolder = folderOf(source);
            }
            done(recovered ? "Restored the autosaved session — File → Save session as… to keep it"
                    : "Opened " + source + " (" + s.run().model().description() + ")");
        }, "The session could not be opened");
    }

    void applySession(SessionState s) {
        binding.apply(s);
        if (s.view().theme() != null && ctx.window() != null && ctx.window().getScene() != null) {
            Themes.apply(ctx.window().getScene(), s.view().theme(), ctx);
        }
    }

    private FileChooser sessionChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("LoopScope sessions and traces (NPZ)", "*.npz"));
        if (lastFolder.toFile().isDirectory()) chooser.setInitialDirectory(lastFolder.toFile());
        return chooser;
    }

    // ---- plumbing ----

    boolean haveRun() {
        if (ctx.workbench().result() != null) return true;
        ErrorDialog.show(ctx.window(), "Nothing to save yet", new IllegalStateException("run a prompt (or open a session) first"));
        return false;
    }

    /** Runs work on the file lane: its messages in the run bar, onDone or the error dialog after. */
    <T> TaskHandle run(String start, Work<T> work, Consumer<T> onDone, String failure) {
        ctx.run().progressed(start, -1);
        return ctx.tasks().execute(Lane.FILES, BackgroundTask.of(work)
                .onProgress((m, f) -> ctx.run().messageProperty().set(m))
                .onSuccess(v -> {
                    ctx.run().progressProperty().set(0);
                    onDone.accept(v);
                })
                .onFailure(t -> {
                    ctx.run().progressProperty().set(0);
                    ctx.run().messageProperty().set(failure + ": " + ErrorDialog.message(t));
                    ErrorDialog.show(ctx.window(), failure, t);
                }));
    }

    private void done(String message) {
        ctx.run().messageProperty().set(message);
    }

    private static Path folderOf(Path p) {
        Path abs = p.toAbsolutePath();
        return abs.toFile().isDirectory() ? abs : abs.getParent();
    }

    /** Whether a remembered export target is a single figure's file rather than a folder. */
    private static final class FigureSetName {
        static boolean looksLikeFile(String t) {
            return io.loopscope.ui.figure.FigureFormat.ofFile(t) != null;
        }
    }
}
