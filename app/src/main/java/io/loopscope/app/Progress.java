package io.loopscope.app;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar on stderr; without a terminal (a background job writing a log) the same
 * line every {@link #LOG_INTERVAL_MILLIS}, so a log shows progress too; nothing when quiet.
 */
final class Progress implements AutoCloseable {
    static final int LOG_INTERVAL_MILLIS = 30_000;
    private ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(String task, long total, boolean quiet, PrintWriter err) {
        return start(task, total, 0, quiet, err);
    }

    /**
     * A bar for work resumed at done of total: its time to go is estimated from this run's pace
     * alone, not as if the done part had taken no time (a resumed training read "9287/10000, 2 s left").
     */
    static Progress start(String task, long total, long done, boolean quiet, PrintWriter err) {
        if (quiet) return new Progress(null);
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .startsFrom(done, Duration.ZERO);
        if (System.console() != null) {
            builder.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200);
        } else {
            builder.setConsumer(new DelegatingProgressBarConsumer(line -> {
                err.println(line.strip());
                err.flush();
            }, 100)).setUpdateIntervalMillis(LOG_INTERVAL_MILLIS).continuousUpdate();
        }
        return new Progress(builder.build());
    }

    void stepTo(long n) {
        if (bar != null) bar.stepTo(n);
    }

    void extra(String message) {
        if (bar != null) bar.setExtraMessage(message);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
        bar = null; // closing twice (early, then by try-with-resources) must not print the last line twice
    }
}
