package io.loopscope.ui.view;

import io.loopscope.ui.session.SessionFile;
import io.loopscope.ui.session.SessionState;
import io.loopscope.ui.task.BackgroundTask;
import io.loopscope.ui.task.TaskExecutor.Lane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.PauseTransition;
import javafx.beans.Observable;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.util.Duration;

/**
 * Crash insurance: shortly after anything worth keeping changes (a run, Compare's run B, the
 * selection, settings, the view), the session is written to a recovery file in the background. A
 * clean exit deletes it; finding it at start means the last session ended abruptly, and the user is
 * offered to restore it.
 */
public final class RecoveryAutosave {
    private static final Duration QUIET = Duration.seconds(1.5);
    private final WorkbenchContext ctx;
    private final Path file;
    private final PauseTransition debounce = new PauseTransition(QUIET);
    /** Saves are numbered so a slow older save never lands after a newer one. */
    private final AtomicLong latest = new AtomicLong();
    private volatile boolean closed;

    RecoveryAutosave(WorkbenchContext ctx, Path file) {
        this.ctx = ctx;
        this.file = file;
        debounce.setOnFinished(e -> saveNow());
        var wb = ctx.workbench();
        for (Observable o : new Observable[] {wb.resultProperty(), ctx.compare().rightProperty(), wb.selection().tokensProperty(),
                wb.selection().focusProperty(), wb.selection().stepProperty(), wb.criterionProperty(), wb.thresholdProperty(), wb.viewProperty(),
                wb.trajectories().pairProperty(), wb.trajectories().paperPanelsProperty(), wb.tokenStrip().colouringProperty()}) {
            o.addListener(x -> {
                if (!wb.trajectories().playingProperty().get()) debounce.playFromStart(); // not on every animation frame
            });
        }
        wb.trajectories().playingProperty().addListener((o, a, playing) -> { if (!playing) debounce.playFromStart(); });
    }

    public Path file() {
        return file;
    }

    /** Captures now (FX thread) and writes on the executor's autosave lane. */
    void saveNow() {
        if (closed) return;
        SessionState s = ctx.files().binding().capture(ctx.files().theme());
        if (s == null) return;
        long n = latest.incrementAndGet();
        String version = ctx.services().version();
        ctx.tasks().execute(Lane.AUTOSAVE, BackgroundTask.<Void>of(p -> {
            if (n != latest.get() || closed) return null; // a newer state is queued
            Files.createDirectories(file.getParent());
            SessionFile.write(file, s, version);
            return null;
        }).onFailure(e -> {
            // autosave is best effort: a full disk must not interrupt the user's work
            System.err.println("loopscope: autosave to " + file + " failed: " + e.getMessage());
        }));
    }

    /** If the previous session ended without a clean exit, offers to restore it (and deletes it if declined). */
    void offerAtStart() {
        if (!Files.isRegularFile(file)) return;
        String when;
        try {
            when = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault())
                    .format(Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis()));
        } catch (IOException e) {
            when = "earlier";
        }
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", restore, discard);
        if (ctx.window() != null) a.initOwner(ctx.window());
        a.setTitle("LoopScope — restore the last session?");
        a.setHeaderText("LoopScope did not close normally last time.");
        a.setContentText("Restore the session autosaved at " + when + "? (It is kept in " + file + ".)");
        a.getDialogPane().setId("recoveryDialog");
        a.showAndWait().ifPresent(b -> {
            if (b == restore) ctx.files().openSession(file, true);
            else discard();
        });
    }

    private void discard() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it will be offered again next time; harmless
        }
    }

    /** A clean exit, after the executor was shut down: nothing to recover next time. */
    void cleanExit() {
        closed = true;
        debounce.stop();
        try {
            ctx.tasks().awaitTermination(Lane.AUTOSAVE, java.time.Duration.ofSeconds(2)); // a save in flight must not recreate the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        discard();
    }
}
