package io.loopscope.app.tools;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How many iterations each generated character runs under an exit criterion, over many prompts of a
 * task — how the adaptive-exit-in-generation demo was chosen, and the average it quotes.
 * <pre>
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "app/target/test-classes:app/target/classes:app/target/lib/*" \
 *       io.loopscope.app.tools.GenerationExitSearch MODEL_DIR TASK MIN..MAX N [THRESHOLD]
 * </pre>
 */
public class GenerationExitSearch {
    public static void main(String[] args) throws Exception {
        ModelHandle m = ModelHandle.open(Path.of(args[0]));
        Task task = Tasks.byName(args[1]);
        String[] range = args[2].split("\\.\\.");
        int n = Integer.parseInt(args[3]);
        double threshold = args.length > 4 ? Double.parseDouble(args[4]) : ExitCriterion.KL.defaultThreshold();
        List<Example> examples = Tasks.examples(task, new Range(Integer.parseInt(range[0]), Integer.parseInt(range[1])), n, 11);
        double[] sum = new double[8];
        int[] count = new int[8];
        int right = 0, ended = 0;
        for (Example e : examples) {
            long[] ids = m.encode(e.prompt());
            StopRule stop = new StopRule(m.endTokenIds(), List.of(), m::decode);
            GenerationRequest request = new GenerationRequest(ids, e.answer().length() + 3, 32, ExitCriterion.KL, threshold, KvSharing.LATEST,
                    new StateInit.Random(0), false, Sampling.GREEDY, stop, TraceRequest.DEFAULT_TOP_K, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
            Trace t = Generator.run(m.subject(), request, m::tokenString, "search", GenerationListener.NONE, () -> false);
            var g = t.generation();
            String text = g.settings().text();
            boolean ok = text.equals(e.answer()), end = g.settings().stopReason().equals("end-token");
            if (ok) right++;
            if (ok && end) ended++;
            StringBuilder steps = new StringBuilder();
            for (int p = ids.length; p < g.steps().length; p++) {
                int k = p - ids.length;
                steps.append(' ').append(g.steps()[p]);
                if (ok && k < sum.length) {
                    sum[k] += g.steps()[p];
                    count[k]++;
                }
            }
            System.out.printf(Locale.ROOT, "%-28s %-6s → %-6s %s steps%s%n", e.prompt(), e.answer(), text, ok ? (end ? "✓ end" : "✓") : "✗", steps);
        }
        System.out.printf(Locale.ROOT, "right %d/%d, right and ended %d/%d%n", right, examples.size(), ended, examples.size());
        for (int k = 0; k < sum.length; k++) {
            if (count[k] > 0) System.out.printf(Locale.ROOT, "fed-back character %d: mean %.2f iterations over %d right answers%n", k + 1, sum[k] / count[k], count[k]);
        }
        System.exit(0);
    }
}
