package io.loopscope.app;

import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.demo.DemoCatalog;
import io.loopscope.ui.demo.DemoChecker;
import io.loopscope.ui.demo.DemoFigures;
import io.loopscope.ui.demo.DemoRuns;
import io.loopscope.ui.engine.AnalysisAdapter;
import io.loopscope.ui.engine.HuginnModelLoader;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loopscope demo [NAME] [--figures DIR]}: lists the teaching demos, or runs one headless. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"List the teaching demos (no NAME), or run one: its prompt and settings on the embedded model,",
            "its guided tour as text, a check of every claim it makes against the analysis, and with --figures",
            "the figures of its tour (the workbench's chart builders, headless). Help → Demos shows the same in the GUI."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A demo's name (see the list) or a demo .json file.")
    String name;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Run on this model folder instead of the demo's (its claims may then not hold).")
    Path model;

    @Option(names = "--check", description = "Exit with status 1 when a claim of the demo does not hold.")
    boolean check;

    @Mixin
    FiguresOption figures;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (name == null) {
            list(out);
            return 0;
        }
        if (figures.requested()) figures.formats(); // bad --format fails before the runs
        Demo d = DemoCatalog.byName(name);
        ModelRef override = model == null ? null : ModelRef.folder(model);
        RunPipeline pipeline = new RunPipeline(new HuginnModelLoader(ModelOption::embeddedDirectory, Version.current()), new AnalysisAdapter());
        out.println(d.title());
        out.println("  " + d.lookAt());
        DemoRuns runs = DemoRuns.run(d, pipeline, override, (m, f) -> { }, () -> false);
        out.printf("  run A: %s · %s · %d tokens%n", runs.a().trace().info().model(), runs.a().spec().shortLabel(), runs.a().tokens());
        if (runs.b() != null) out.printf("  run B: %s%n", runs.b().spec().shortLabel());
        for (int i = 0; i < d.tour().size(); i++) {
            Demo.Step s = d.tour().get(i);
            out.printf("  %d. [%s%s] %s%n", i + 1, s.view(), s.tokens().isEmpty() ? "" : ", tokens " + s.tokens(), s.text());
        }
        List<DemoChecker.Result> results = DemoChecker.check(d, runs);
        for (DemoChecker.Result r : results) out.printf("  %s %s: %s%n", r.holds() ? "✓" : "✗", r.claim().kind(), r.found());
        if (figures.requested()) {
            List<Path> written = DemoFigures.write(d, runs, figures.directory(), figures.formats(), figures.dpi);
            out.println("wrote " + written.size() + " figure files to " + figures.directory());
        }
        return check && !DemoChecker.allHold(results) ? 1 : 0;
    }

    private static void list(PrintWriter out) throws IOException {
        List<Demo> demos = DemoCatalog.shipped();
        if (demos.isEmpty()) {
            out.println("this build has no demos");
            return;
        }
        int w = demos.stream().mapToInt(d -> d.id().length()).max().orElse(8);
        for (Demo d : demos) out.printf("%-" + w + "s  %s%n", d.id(), d.title());
        out.println("run one with: loopscope demo NAME [--figures DIR]");
    }
}
