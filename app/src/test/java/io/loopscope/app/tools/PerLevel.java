package io.loopscope.app.tools;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.tasks.Evaluator;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy per difficulty and r for one task (the README's hops-per-iteration table): N held-out
 * examples per difficulty through the same Evaluator as {@code loopscope eval}.
 * <pre>
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "app/target/test-classes:app/target/classes:app/target/lib/*" \
 *       io.loopscope.app.tools.PerLevel MODEL_DIR TASK N
 * </pre>
 */
public class PerLevel {
    public static void main(String[] args) throws Exception {
        ModelHandle m = ModelHandle.open(Path.of(args[0]));
        Task task = Tasks.byName(args[1]);
        int n = Integer.parseInt(args[2]);
        int[] rs = {1, 2, 4, 8, 32};
        Evaluator evaluator = new Evaluator(m.model(), m.tokenizer().orElseThrow());
        System.out.println("| " + task.knob() + " | r=1 | r=2 | r=4 | r=8 | r=32 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int d = task.training().min(); d <= task.harder().max(); d++) {
            List<Example> examples = Tasks.examples(task, new Range(d, d), n, Evaluator.EVAL_SEED + d);
            int[] right = new int[rs.length];
            for (int i = 0; i < examples.size(); i++) {
                boolean[] ok = evaluator.answers(examples.get(i), rs, Evaluator.EVAL_SEED + i);
                for (int k = 0; k < rs.length; k++) if (ok[k]) right[k]++;
            }
            StringBuilder row = new StringBuilder("| " + d + " |");
            for (int k = 0; k < rs.length; k++) row.append(String.format(Locale.ROOT, " %.2f |", right[k] / (double) n));
            System.out.println(row);
        }
        System.exit(0);
    }
}
