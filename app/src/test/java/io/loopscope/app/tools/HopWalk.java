package io.loopscope.app.tools;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tasks.*;
import io.loopscope.inference.trace.*;
import java.nio.file.Path;
import java.util.*;

/**
 * How often the last '>' of a HOPS-hop chase walks (the README's hop-walk statistics and the
 * hop-per-iteration demo's text): of the chases with HOPS hops among N examples drawn over the
 * training range with the eval seed, the first lens iteration from which the last token's top-1 is
 * the answer through step R (seed-0 random s0), or "still wrong at R".
 * <pre>
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "app/target/test-classes:app/target/classes:app/target/lib/*" \
 *       io.loopscope.app.tools.HopWalk MODEL_DIR [N] [HOPS] [R]
 * </pre>
 */
public class HopWalk {
    public static void main(String[] args) throws Exception {
        ModelHandle m = ModelHandle.open(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int hops = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int r = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        Task task = Tasks.byName("hops");
        List<Example> chases = Tasks.examples(task, task.training(), n, Evaluator.EVAL_SEED).stream()
                .filter(e -> e.difficulty() == hops).toList();
        Map<String, Integer> from = new TreeMap<>();
        for (Example e : chases) {
            long[] ids = m.encode(e.prompt());
            TraceRequest req = new TraceRequest(ids, r, new StateInit.Random(0), 1, false, ExitThresholds.defaults(),
                    TraceRequest.DEFAULT_MAX_ITERATIONS, null);
            Trace tr = Tracer.run(m.subject(), req, m.tokenStrings(ids), "walk", s -> { }, () -> false);
            int last = ids.length - 1, first = r + 1;
            for (int s = r; s >= 1; s--) { // the earliest step from which the lens stays right
                String g = m.tokenStrings(new long[] {tr.lensTopkIds().get(s, last, 0)}).getFirst();
                if (!g.equals(e.answer())) break;
                first = s;
            }
            from.merge(first > r ? "still wrong at " + r : String.format("from %02d", first), 1, Integer::sum);
        }
        System.out.println(chases.size() + " " + hops + "-hop chases of " + n + " (eval seed, s0 seed 0, R = " + r + "): " + from);
        System.exit(0);
    }
}
