package io.loopscope.app.tools;

import io.loopscope.inference.train.TrainOptions;
import io.loopscope.inference.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Where a training step's time goes: runs WARM steps of the shipped recipe (H = 96), then PROFILED
 * steps with ND4J's op profiler on, and prints its per-op dashboard (time by op class) — to find
 * what to speed up in the trainer. Measured (2 cores, one ND4J thread each): about 6,900 op calls
 * per step of 32 examples (80 % custom ops) at ~1 s per step, so ~150 µs per op — per-op dispatch,
 * not arithmetic, is what a faster trainer has to cut (fewer, larger ops; batch 128 ran out of the
 * 18 GB native-memory cap at this code).
 * The classes are built for Java 25: run them with that JDK ($JAVA_HOME), not an older java on the PATH.
 * <pre>
 *   OMP_NUM_THREADS=1 $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "app/target/test-classes:app/target/lib/*" io.loopscope.app.tools.ProfileTraining [WARM] [PROFILED]
 * </pre>
 */
public class ProfileTraining {
    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int profiled = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        TrainOptions d = TrainOptions.defaults(List.of("sum", "add", "hops", "count", "copy"), warm + profiled, 1);
        TrainOptions options = new TrainOptions(d.tasks(), d.steps(), d.seed(), d.batch(), d.lr(), d.warmup(), d.meanRecurrence(),
                d.sigma(), d.recurrenceRamp(), d.backpropDepth(), d.maxRecurrence(), 10_000, 96, d.heads(), 264, d.prelude(), d.core(),
                d.coda(), d.blockSize(), d.taskWeights());
        Path out = Files.createTempDirectory("loopscope-profile");
        long[] last = {System.nanoTime()};
        double[] seconds = new double[2];
        new Trainer(options, out, false).run((step, total, loss, acc, r, eps) -> {
            long now = System.nanoTime();
            seconds[step <= warm ? 0 : 1] += (now - last[0]) / 1e9;
            last[0] = now;
            if (step == warm) {
                Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
                OpProfiler.getInstance().reset();
            }
        });
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        System.out.printf("warm-up: %d steps, %.2f s/step; profiled: %d steps, %.2f s/step (with profiler overhead)%n",
                warm, seconds[0] / warm, profiled, seconds[1] / profiled);
        OpProfiler.getInstance().printOutDashboard();
    }
}
