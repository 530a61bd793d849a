package io.loopscope.app.tools;

import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.demo.DemoCatalog;
import io.loopscope.ui.demo.DemoRuns;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunAnalysis;
import io.loopscope.ui.engine.RunLens;
import io.loopscope.ui.engine.RunPipeline;
import io.loopscope.ui.engine.RunResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Prints what a demo's text can truthfully say about the model it runs on: for every token its
 * claims and tour name, the lens's top three with their probabilities, the step size relative to
 * the state and the distance to the end at every step, its motif with the evidence, and its exit
 * step under the demo's criterion — how the demos are re-measured when the embedded model changes.
 * <pre>
 *   $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -cp "app/target/test-classes:app/target/classes:app/target/lib/*" \
 *       io.loopscope.app.tools.DemoFacts DEMO [MODEL_DIR]
 * </pre>
 */
public class DemoFacts {
    public static void main(String[] args) throws Exception {
        Demo d = DemoCatalog.byName(args[0]);
        ModelRef model = args.length > 1 ? ModelRef.folder(Path.of(args[1])) : null;
        RunPipeline pipeline = new RunPipeline(new HuginnModelLoader(DemoFacts::embedded, "facts"), new AnalysisAdapter());
        DemoRuns runs = DemoRuns.run(d, pipeline, model, (m, f) -> { }, () -> false);
        TreeSet<Integer> tokens = new TreeSet<>();
        d.claims().forEach(c -> {
            tokens.addAll(c.tokens());
            tokens.addAll(c.others());
        });
        d.tour().forEach(s -> tokens.addAll(s.tokens()));
        System.out.println(d.id() + ": " + d.prompt() + " — " + runs.a().spec().shortLabel());
        if (runs.a().trace().generation() != null) {
            var g = runs.a().trace().generation();
            System.out.println("generated '" + g.settings().text() + "' (" + g.settings().stopReason() + "), steps per position "
                    + java.util.Arrays.toString(g.steps()));
        }
        ExitCriterion c = DemoRuns.criterion(d);
        double th = DemoRuns.threshold(d);
        print("A", runs.a(), tokens, c, th);
        if (runs.b() != null) {
            print("B", runs.b(), tokens, c, th);
            if (runs.comparison() != null) {
                System.out.println("A vs B: " + runs.comparison().summary());
                for (int t : tokens) {
                    if (t < runs.comparison().tokens()) {
                        System.out.printf(Locale.ROOT, "  token %d: final distance %.3g, same attractor %s%n", t,
                                runs.comparison().finalDistance(t), runs.comparison().sameAttractor(t));
                    }
                }
            }
        }
        System.exit(0);
    }

    private static Path embedded() {
        try {
            return EmbeddedModel.directory();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void print(String name, RunResult r, TreeSet<Integer> tokens, ExitCriterion c, double th) {
        RunAnalysis a = r.analysis();
        RunLens lens = a.lens();
        for (int t : tokens) {
            if (t >= r.tokens()) continue;
            var m = a.motif(t);
            System.out.printf(Locale.ROOT, "run %s token %d '%s': %s — %s; %s exit %s%n", name, t, r.tokenStrings().get(t), m.label(), m.headline(),
                    c.id(), a.exitStep(c, th, t).isPresent() ? a.exitStep(c, th, t).getAsInt() : "never");
            for (String e : m.evidence()) System.out.println("    " + e);
            for (int s = 0; s <= a.ranSteps(t); s++) {
                StringBuilder top = new StringBuilder();
                for (int k = 0; k < Math.min(3, lens.topK()); k++) {
                    top.append(String.format(Locale.ROOT, " %s %.2f", r.tokenString(lens.topId(s, t, k)), lens.topProbability(s, t, k)));
                }
                System.out.printf(Locale.ROOT, "  %3d |%s | rel step %.3g, to end %.3g%n", s, top, a.relativeStep(t, s), a.distanceToFinal(t, s));
            }
        }
    }
}
