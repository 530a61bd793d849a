package io.loopscope.app.tools;

import io.loopscope.analysis.TraceLoader;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches for the orbit and hop-per-iteration demos' cases on a model.
 * {@code cycles}: two- and three-cycles chased with 5–12 '>'s over several letter sets, random (seed 0)
 * and zero s0, R = 64, every token's motif; prints each non-fixed-point token and the counts.
 * {@code chases N}: N test-set 4-hop chases (seed 0, R = 64); prints the lens top-1 of the last '>' at
 * steps 1..8, 16, 32, 64 and flags those wrong at 1 and right from some later step to 64.
 * <pre>
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$CP" io.loopscope.app.tools.OrbitHunt MODEL_DIR cycles [FROM [two|three|all]]
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "$CP" io.loopscope.app.tools.OrbitHunt MODEL_DIR chases N
 * </pre>
 */
public class OrbitHunt {
    public static void main(String[] args) throws Exception {
        ModelHandle m = ModelHandle.open(Path.of(args[0]));
        if (args[1].equals("cycles")) cycles(m, args.length > 2 ? Integer.parseInt(args[2]) : 5, args.length > 3 ? args[3] : "all"); else chases(m, Integer.parseInt(args[2]));
        System.exit(0);
    }

    static Trace trace(ModelHandle m, long[] ids, StateInit init) {
        TraceRequest req = new TraceRequest(ids, 64, init, 1, false, ExitThresholds.defaults(), TraceRequest.DEFAULT_MAX_ITERATIONS, null);
        return Tracer.run(m.subject(), req, m.tokenStrings(ids), "hunt", s -> { }, () -> false);
    }

    /** Cycles with {@code from} to 12 '>'s; {@code which}: "two", "three" or "all". */
    static void cycles(ModelHandle m, int from, String which) {
        List<String> prompts = new ArrayList<>();
        String[][] two = {{"a", "b"}, {"c", "d"}, {"m", "q"}, {"x", "y"}, {"k", "t"}, {"b", "a"}};
        String[][] three = {{"a", "b", "c"}, {"p", "q", "r"}, {"m", "x", "e"}, {"d", "k", "s"}};
        for (int k = from; k <= 12; k++) {
            String q = ">".repeat(k);
            if (!which.equals("three")) for (String[] p : two) prompts.add(p[0] + ">" + p[1] + " " + p[1] + ">" + p[0] + " " + p[0] + q);
            if (!which.equals("two")) for (String[] p : three) prompts.add(p[0] + ">" + p[1] + " " + p[1] + ">" + p[2] + " " + p[2] + ">" + p[0] + " " + p[0] + q);
        }
        int traces = 0, tokens = 0, notFixed = 0;
        java.util.Map<String, Integer> hist = new java.util.TreeMap<>();
        for (String prompt : prompts) {
            long[] ids = m.encode(prompt);
            for (StateInit init : List.of((StateInit) new StateInit.Random(0), new StateInit.Zeros())) {
                Trace tr = trace(m, ids, init);
                TraceReport rep = TraceAnalysis.analyze(TraceLoader.fromTrace(tr, prompt), AnalysisOptions.defaults());
                traces++;
                for (int i = 0; i < ids.length; i++) {
                    MotifResult mr = rep.motifs().get(i);
                    String lbl = mr.motif().id();
                    hist.merge(lbl, 1, Integer::sum);
                    tokens++;
                    if (!lbl.equals("fixed-point")) {
                        notFixed++;
                        System.out.printf("%s '%s' tok %d: %s: %s%n", init, prompt, i, lbl, mr.describe());
                    }
                }
            }
            System.out.println("done: " + prompt);
        }
        System.out.printf("prompts %d, traces %d, tokens %d, not fixed point %d, motifs %s%n", prompts.size(), traces, tokens, notFixed, hist);
    }

    static void chases(ModelHandle m, int n) {
        List<Example> ex = Tasks.examples(Tasks.byName("hops"), new Range(4, 4), n, 11);
        int[] steps = {1, 2, 3, 4, 5, 6, 7, 8, 16, 32, 64};
        int walks = 0;
        java.util.Map<String, Integer> firstRight = new java.util.TreeMap<>();
        for (Example e : ex) {
            long[] ids = m.encode(e.prompt());
            Trace tr = trace(m, ids, new StateInit.Random(0));
            int last = ids.length - 1;
            String ans = e.answer().substring(0, 1);
            StringBuilder seq = new StringBuilder();
            int from = -1;
            for (int s = 1; s <= 64; s++) {
                String g = m.tokenStrings(new long[] {tr.lensTopkIds().get(s, last, 0)}).getFirst();
                if (g.equals(ans)) { if (from < 0) from = s; } else from = -1;
            }
            for (int s : steps) seq.append(s).append(':').append(m.tokenStrings(new long[] {tr.lensTopkIds().get(s, last, 0)}).getFirst()).append(' ');
            firstRight.merge(from < 0 ? "never" : String.format("%02d", from), 1, Integer::sum);
            boolean walk = from > 1;
            if (walk) walks++;
            System.out.printf("%s '%s' -> %s  right from %d  %s%n", walk ? "WALK" : "    ", e.prompt(), ans, from, seq);
        }
        System.out.printf("chases %d, walks %d, right-to-64 from step: %s%n", ex.size(), walks, firstRight);
    }
}
