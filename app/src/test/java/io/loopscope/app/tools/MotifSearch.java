package io.loopscope.app.tools;

import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.report.*;
import io.loopscope.analysis.motif.*;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.*;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tasks.*;
import io.loopscope.inference.trace.*;
import java.nio.file.Path;
import java.util.*;

/**
 * Scans a model for motif instances and for answers that improve with iterations — how the teaching
 * demos in sample-prompts/demos were found, and how to show that a motif is absent.
 * Every task at every difficulty of its training and harder ranges (PER prompts each) plus a few
 * odd and random prompts, each from a random (seed 0) and a zero s0, R = 64.
 * The classes are built for Java 25: run them with that JDK ($JAVA_HOME), not an older java on the PATH.
 * <pre>
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "app/target/test-classes:app/target/lib/*" io.loopscope.app.tools.MotifSearch MODEL_DIR [PER]
 * </pre>
 */
public class MotifSearch {
    public static void main(String[] args) throws Exception {
        ModelHandle m = ModelHandle.open(Path.of(args[0]));
        int R = 64, per = Integer.parseInt(args.length > 1 ? args[1] : "4");
        Map<String, Integer> hist = new TreeMap<>(), answerHist = new TreeMap<>();
        List<String> notable = new ArrayList<>(), improving = new ArrayList<>();
        List<Example> ex = new ArrayList<>();
        for (Task t : Tasks.all()) {
            for (int d = t.training().min(); d <= t.harder().max(); d++) ex.addAll(Tasks.examples(t, new Range(d, d), per, 77 + d));
        }
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 +=>?";
        for (int i = 0; i < 4 * per; i++) { // random strings: off every task's distribution
            StringBuilder b = new StringBuilder();
            for (int n = 5 + random.nextInt(25); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            ex.add(new Example("random", 0, b.toString(), '?'));
        }
        for (String odd : List.of("zzzzzzzzzzzzzzzzzzzz", "9+9+9+9+9+9+9+9+9+9+9+9+9=", "a>b b>a a>>>>>>>>>>", "how many z in zzzzzzzzzzzzzzzzz?", "copy =", "0000000000000000", "a>b b>c c>d d>e e>f f>g a>>>>>>"))
            ex.add(new Example("odd", 0, odd, '?'));
        int exits[] = new int[65];
        for (Example e : ex) {
            long[] ids = m.encode(e.prompt());
            for (StateInit init : List.of((StateInit) new StateInit.Random(0), new StateInit.Zeros())) {
                TraceRequest req = new TraceRequest(ids, R, init, 1, false, ExitThresholds.defaults(), TraceRequest.DEFAULT_MAX_ITERATIONS, null);
                Trace tr = Tracer.run(m.subject(), req, m.tokenStrings(ids), "search", s -> { }, () -> false);
                TraceReport rep = TraceAnalysis.analyze(TraceLoader.fromTrace(tr, e.prompt()), AnalysisOptions.defaults());
                int last = ids.length - 1;
                for (int i = 0; i < ids.length; i++) {
                    MotifResult mr = rep.motifs().get(i);
                    String lbl = mr.motif().id();
                    hist.merge(lbl, 1, Integer::sum);
                    if (i == last) answerHist.merge(e.task() + ":" + lbl, 1, Integer::sum);
                    if (!lbl.equals("fixed-point")) notable.add(String.format("%s %s tok %d '%s' %s: %s", init, e.prompt(), i, rep.tokens().get(i), lbl, mr.describe()));
                }
                Integer kl = rep.exitSteps().get(ExitCriterion.byId("kl")).steps().get(last);
                exits[kl == null ? 64 : Math.min(64, kl)]++;
                if (init instanceof StateInit.Random && !e.answer().equals("?")) {
                    StringBuilder seq = new StringBuilder();
                    boolean wrong1 = false, right16 = true;
                    for (int s : new int[] {1, 2, 4, 8, 16, 32, 64}) {
                        String g = m.tokenStrings(new long[] {tr.lensTopkIds().get(s, last, 0)}).getFirst();
                        seq.append(s).append(':').append(g).append(' ');
                        if (s == 1) wrong1 = !g.equals(e.answer().substring(0, 1));
                        if (s >= 16) right16 &= g.equals(e.answer().substring(0, 1));
                    }
                    if (wrong1 && right16) improving.add(e.task() + " d=" + e.difficulty() + " " + e.prompt() + " -> " + e.answer() + "  " + seq);
                }
            }
        }
        System.out.println("motifs (all tokens, random+zeros s0): " + hist);
        System.out.println("answer-token motifs: " + answerHist);
        System.out.println("kl exit step of answer tokens (step:count): ");
        for (int i = 0; i <= 64; i++) if (exits[i] > 0) System.out.print(i + ":" + exits[i] + " ");
        System.out.println();
        System.out.println("improving (wrong at r=1, right at r>=16): " + improving.size());
        improving.forEach(s -> System.out.println("  " + s));
        System.out.println("non-fixed-point tokens: " + notable.size());
        notable.stream().limit(40).forEach(s -> System.out.println("  " + s));
    }
}
