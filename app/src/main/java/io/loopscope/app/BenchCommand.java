package io.loopscope.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.bench.BenchResult;
import io.loopscope.inference.bench.EngineBenchmark;
import io.loopscope.inference.bench.GenerationBenchmark;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.RandomWeights;
import io.loopscope.inference.checkpoint.OuroConfig;
import io.loopscope.inference.model.HuginnModel;
import io.loopscope.inference.model.OuroModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope bench}: BLAS throughput and the engine's loop step, for the record. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure ND4J sgemm and the engine's core step (adapter + core blocks) on Huginn-, Ouro- and SLR-scale random models and on small models.")
public final class BenchCommand implements Callable<Integer> {
    /** The benchmark's Huginn-scale model: H = 1024, 16 heads, prelude/core/coda = 2/4/2. */
    static final HuginnConfig HUGINN_SCALE = new HuginnConfig(1024, 16, 16, 3456, 1024, 2, 4, 2, 1e-6, 50000, 4096, true, true, 32);

    /** The same scale with every SLR stabiliser: a learned timestep embedding, loop-wise LoRA of rank 8 on all core linears (T 8) and a residual to s_0. */
    static final HuginnConfig SLR_SCALE = HUGINN_SCALE.withSlr(new io.loopscope.inference.checkpoint.SlrConfig(
            io.loopscope.inference.checkpoint.SlrConfig.Timestep.LEARNED, 8, 8,
            java.util.EnumSet.allOf(io.loopscope.inference.checkpoint.SlrConfig.LoraTarget.class), 8,
            io.loopscope.inference.checkpoint.SlrConfig.LoraBeyond.LAST, io.loopscope.inference.checkpoint.SlrConfig.Residual.S0, 1));

    /** The same scale as an Ouro stack: H = 1024, 16 heads (4 KV heads), 4 looped layers, 4 trained loops. */
    static final OuroConfig OURO_SCALE = new OuroConfig(1024, 16, 4, 64, 3456, 4, 1e-6, 10_000, 50000, 4096, false, 4, 1.0);

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--tokens", defaultValue = "64", description = "Tokens per step (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--repeats", defaultValue = "15", description = "Timed repeats per measurement; the median is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = {"-m", "--model"}, paramLabel = "DIR", description = "Also benchmark these model folders (default: the fixture model when found, and the embedded model).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--generation", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Also measure generation: a 64-token prompt, 32 new tokens, R = 32, cached (exit none and kl) "
                    + "and uncached (default: on; --no-generation skips it).")
    boolean generation;

    @Option(names = "--full-size", paramLabel = "DIR",
            description = {"Instead: load this real-size checkpoint and measure load time, resident memory and ms per iteration",
                    "(step + lens) at 1, 8 and 64 tokens against the memory-read bound (`loopscope random-checkpoint` writes one)."})
    Path fullSize;

    static final int GEN_PROMPT = 64, GEN_NEW = 32, GEN_R = 32;
    static final int[] FULL_SIZE_TOKENS = {1, 8, 64};

    @Override
    public Integer call() throws Exception {
        if (tokens < 1) throw new IllegalArgumentException("--tokens must be >= 1");
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1");
        if (fullSize != null) return FullSizeReport.run(fullSize, Math.min(repeats, 5), json, spec.commandLine().getOut(), spec.commandLine().getErr());
        EngineBenchmark bench = new EngineBenchmark(3, repeats);
        double sgemm = bench.sgemmGflops(1024);
        List<BenchResult.ModelBench> results = new ArrayList<>();
        HuginnModel large = new HuginnModel(HUGINN_SCALE, RandomWeights.create(HUGINN_SCALE, 42));
        results.add(bench.coreStep("random-huginn-h1024", large, tokens, sgemm));
        results.add(bench.coreStep("random-ouro-h1024", new OuroModel(OURO_SCALE, RandomWeights.create(OURO_SCALE, 42)), tokens, sgemm));
        results.add(bench.coreStep("random-slr-h1024", new HuginnModel(SLR_SCALE, RandomWeights.create(SLR_SCALE, 42)), tokens, sgemm));
        List<GenerationBenchmark.Run> generated = new ArrayList<>();
        Map<String, Double> onePosition = new LinkedHashMap<>();
        if (generation) measureGeneration("random-huginn-h1024", large, generated, onePosition);
        for (Path dir : modelsToBench()) {
            ModelHandle handle = ModelHandle.open(dir);
            int s = Math.min(tokens, handle.model().contextLength());
            results.add(bench.coreStep(handle.name(), handle.model(), s, sgemm));
            if (generation && dir.equals(ModelOption.embeddedDirectory())) measureGeneration("embedded", handle.model(), generated, onePosition);
        }
        BenchResult result = new BenchResult(sgemm, results, Nd4j.getEnvironment().maxMasterThreads(), generated, onePosition);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(result));
        } else {
            out.printf("ND4J sgemm 1024³: %.1f GFLOP/s (%d threads)%n", sgemm, result.threads());
            out.printf("%-24s %6s %6s %12s %9s %8s%n", "model", "hidden", "tokens", "ms/iteration", "GFLOP/s", "÷sgemm");
            for (BenchResult.ModelBench m : results) {
                out.printf("%-24s %6d %6d %12.2f %9.1f %8.2f%n", m.name(), m.hidden(), m.tokens(), m.msPerIteration(), m.gflops(), m.ratioToSgemm());
            }
            results.stream().filter(m -> m.name().equals("random-ouro-h1024")).findFirst().ifPresent(ouro ->
                    out.printf("Ouro's loop per FLOP: %.2f× Huginn's time (target ≤ 1.2)%n", results.getFirst().gflops() / ouro.gflops()));
            results.stream().filter(m -> m.name().equals("random-slr-h1024")).findFirst().ifPresent(slr ->
                    out.printf("SLR's loop per FLOP: %.2f× Huginn's time (target ≤ 1.2)%n", results.getFirst().gflops() / slr.gflops()));
            if (!generated.isEmpty()) {
                out.printf("%ngeneration: prompt %d, %d new tokens, R = %d (generated positions only; the prompt is not timed)%n",
                        GEN_PROMPT, GEN_NEW, GEN_R);
                out.printf("%-24s %-14s %10s %13s %12s %12s %11s%n", "model", "mode", "tokens/s", "iterations/s", "ms/iteration",
                        "iterations", "÷1-pos pass");
                for (GenerationBenchmark.Run g : generated) {
                    out.printf("%-24s %-14s %10.1f %13.0f %12.3f %12d %11.2f%n", g.name(), g.mode(), g.tokensPerS(), g.iterationsPerS(),
                            g.msPerIteration(), g.iterationsUsed(), g.msPerIteration() / onePosition.get(g.name()));
                }
                onePosition.forEach((name, ms) -> out.printf("%-24s one-position prompt pass (trace of 1 token, R = 32): %.3f ms/iteration%n", name, ms));
                stepPairs.forEach((name, p) -> out.printf("%-24s one step + lens in alternating pairs: cached %.3f ms, lone position %.3f ms (%.2f×)%n",
                        name, p[0], p[1], p[0] / p[1]));
            }
        }
        return 0;
    }

    /** Per model, {cached, lone} ms of one step + lens measured in alternating pairs. */
    private final Map<String, double[]> stepPairs = new LinkedHashMap<>();

    private void measureGeneration(String name, io.loopscope.inference.model.LoopedModel model, List<GenerationBenchmark.Run> out,
                                   Map<String, Double> onePosition) {
        int prompt = Math.min(GEN_PROMPT, model.contextLength() - GEN_NEW + 1);
        GenerationBenchmark g = new GenerationBenchmark(prompt, GEN_NEW, GEN_R);
        spec.commandLine().getErr().printf("benchmarking generation on %s…%n", name);
        g.cached(name, model, ExitCriterion.NONE);                       // warm-up
        out.add(g.cached(name, model, ExitCriterion.NONE));
        out.add(g.cached(name, model, ExitCriterion.KL));
        out.add(g.uncached(name, model));
        onePosition.put(name, g.onePositionPassMs(name, model));
        double[] pair = g.cachedVsOnePositionStepMs(model, Math.max(repeats, 15) * 2);
        spec.commandLine().getErr().printf("%s: one step + lens, interleaved: cached at position %d %.3f ms, a lone position %.3f ms (%.2f×)%n",
                name, prompt, pair[0], pair[1], pair[0] / pair[1]);
        stepPairs.put(name, pair);
    }

    private List<Path> modelsToBench() {
        if (!models.isEmpty()) return models;
        List<Path> found = new ArrayList<>();
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path fixture = p.resolveSibling("shared").resolve("fixtures/huginn-tiny/f32");
            if (Files.isRegularFile(fixture.resolve("config.json"))) {
                found.add(fixture);
                break;
            }
        }
        if (EmbeddedModel.available()) {
            try {
                found.add(EmbeddedModel.directory());
            } catch (IOException e) {
                spec.commandLine().getErr().println("note: embedded model not benchmarked: " + e.getMessage());
            }
        }
        return found;
    }
}
