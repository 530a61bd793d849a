package io.loopscope.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loopscope.inference.bench.FullSizeBenchmark;
import io.loopscope.inference.checkpoint.LoadListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code bench --full-size DIR}: runs {@link FullSizeBenchmark} with a load progress bar and prints what it measured. */
final class FullSizeReport {
    private FullSizeReport() {
    }

    static int run(Path dir, int repeats, boolean json, PrintWriter out, PrintWriter err) throws Exception {
        io.loopscope.inference.checkpoint.CheckpointLoader.configOf(dir);   // a wrong folder is reported before the progress bar starts
        FullSizeBenchmark.Result r;
        try (CtrlC ctrlC = CtrlC.install(); Progress bar = Progress.start("load", 1000, false, err)) {
            r = new FullSizeBenchmark(repeats).run(dir, BenchCommand.FULL_SIZE_TOKENS, new LoadListener() {
                @Override
                public void read(long bytesRead, long bytesTotal) {
                    bar.stepTo(bytesRead * 1000 / Math.max(1, bytesTotal));
                    if (bytesRead == bytesTotal) {   // the bar would otherwise keep counting through the measurement
                        bar.close();
                        err.printf("measuring the read bandwidth, then one iteration at %s tokens (%d repeats each)…%n",
                                java.util.Arrays.toString(BenchCommand.FULL_SIZE_TOKENS), repeats);
                        err.flush();
                    }
                }

                @Override
                public boolean cancelled() {
                    return ctrlC.cancelled();
                }
            });
        }
        if (json) {
            out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: %.2f B parameters, %.2f GB of %s in %d file%s%n", r.model(), r.parameters() / 1e9, r.storedBytes() / 1e9,
                r.dtype(), r.files(), r.files() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "files read once first (page cache): %.1f s, %.1f GB/s%n", r.fileReadSeconds(), r.storedBytes() / 1e9 / r.fileReadSeconds());
        out.printf(Locale.ROOT, "load (warm): %.1f s; resident after load %.1f GB, peak %.1f GB%n", r.loadSeconds(),
                r.residentAfterLoad() / 1e9, r.peakResident() / 1e9);
        out.printf(Locale.ROOT, "memory read bandwidth: %.1f GB/s; one iteration (step + lens) reads %.2f GB of stored weights: bound %.1f ms%n",
                r.readGBps(), r.iterationBytes() / 1e9, r.boundMs());
        out.printf("%6s %13s %8s%n", "tokens", "ms/iteration", "÷bound");
        for (FullSizeBenchmark.Point p : r.points()) out.printf(Locale.ROOT, "%6d %13.1f %8.2f%n", p.tokens(), p.msPerIteration(), p.ratioToBound());
        return 0;
    }
}
