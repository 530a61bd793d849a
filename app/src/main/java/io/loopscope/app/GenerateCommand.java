package io.loopscope.app;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.generate.GenerationListener;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Generator;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.MemoryEstimate;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.inference.trace.TraceRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loopscope generate}: generates token by token, each token thinking until its exit criterion fires, and records it all. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate text with a KV cache and per-token adaptive exit, recording every iteration of every position into an NPZ.",
                "The prompt runs all R iterations; each generated token runs until --exit fires (at most R)."})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    static final class Input {
        @Option(names = "--prompt", description = "Text to encode with the model's tokenizer.json.")
        String prompt;

        @Option(names = "--ids", split = ",", description = "Token ids, comma separated (no tokenizer needed).")
        long[] ids;

        @Option(names = "--chat", description = "A user message, wrapped in the model's chat template (Huginn's).")
        String chat;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = {"-n", "--max-new-tokens"}, defaultValue = "32", description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = {"-r", "--iterations"}, description = "Most loop iterations per token, R (default: the model's mean_recurrence).")
    Integer iterations;

    @Option(names = "--max-iterations", defaultValue = "" + TraceRequest.DEFAULT_MAX_ITERATIONS,
            description = "Refuse R above this (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--exit", defaultValue = "kl", converter = ExitOption.Converter.class, paramLabel = "CRITERION[=THRESHOLD]",
            description = {"When a generated token stops thinking: kl, minp-kl, entropy-diff, latent-diff, cosine, second-order, "
                    + "argmax-stability, each with =THRESHOLD (default: the criterion's own), or none (always R).",
                    "Default: ${DEFAULT-VALUE}."})
    ExitOption exit;

    @Option(names = "--kv-sharing", defaultValue = "latest", converter = KvSharingConverter.class,
            description = "What a token sees of an earlier position that stopped sooner: skip or latest (default: ${DEFAULT-VALUE}).")
    KvSharing sharing;

    @Option(names = "--init", defaultValue = "random",
            description = "s0: random, zeros, or FILE.npy with one row per position that runs (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of a random s0 and of sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warm-start", description = "Start each generated token from the previous position's final state (continuous thought).")
    boolean warmStart;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default); above 0 samples, seeded by --seed.")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the K most probable tokens (0 = off).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1", description = "Sample within probability mass P, in (0, 1] (1 = off).")
    double topP;

    @Option(names = "--min-p", defaultValue = "0", description = "Drop tokens below P × the top probability, in [0, 1) (0 = off).")
    double minP;

    @Option(names = "--stop", arity = "1..*", description = "Stop once the generated text contains one of these strings.")
    List<String> stop = List.of();

    @Option(names = "--top-k-lens", defaultValue = "" + TraceRequest.DEFAULT_TOP_K, description = "Logit-lens tokens kept per step (default: ${DEFAULT-VALUE}).")
    int topKLens;

    @Option(names = "--full-lens", description = "Also store the full [R+1, S, V] lens logits (large).")
    boolean fullLens;

    @Option(names = {"-o", "--out"}, required = true, description = "The NPZ file to write.")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Outputs.requireWritableTarget(out);
        Sampling sampling = temperature == 0 && topK == 0 && topP == 1 && minP == 0
                ? Sampling.GREEDY : new Sampling(temperature, topK, topP, minP, seed);
        ModelHandle model = modelOption.open(spec.commandLine().getErr());
        for (String s : stop) model.requireWritable(s);
        long[] ids = input.ids != null ? input.ids : input.chat != null ? model.encodeChat(input.chat) : model.encode(input.prompt);
        int r = iterations != null ? iterations : model.model().defaultIterations();
        StopRule stopRule = new StopRule(model.endTokenIds(), stop, model::decode);
        GenerationRequest request = new GenerationRequest(ids, maxNewTokens, r, exit.criterion(), exit.threshold(), sharing,
                InitOption.parse(init, seed), warmStart, sampling, stopRule, topKLens, fullLens, maxIterations);

        Generator.requireFits(model.model(), request);
        long total = (long) r * (ids.length + maxNewTokens - 1L);
        try (CtrlC ctrlC = CtrlC.install();
             Progress progress = Progress.start("generate", total, quiet, spec.commandLine().getErr())) {
            GenerationListener listener = new GenerationListener() {
                private long done;

                @Override
                public void onStep(int position, int step) {
                    progress.stepTo(++done);
                }

                @Override
                public void onToken(int index, long id, int position, int steps) {
                    done = Math.max(done, (long) r * (position + 1));  // an early exit skips the rest of its budget
                    progress.stepTo(done);
                }
            };
            Trace trace = Generator.run(model.subject(), request, model::tokenString, Version.current(), listener, ctrlC::cancelled);
            progress.close();
            TraceFile.write(out, trace);
            report(spec.commandLine().getOut(), trace, r);
        }
        return 0;
    }

    private void report(PrintWriter o, Trace trace, int r) throws java.io.IOException {
        Generated g = trace.generation();
        int fed = g.steps().length - g.settings().promptLength();
        o.printf("%s%n", g.settings().text().isEmpty() ? "ids " + java.util.Arrays.toString(g.generatedIds()) : g.settings().text());
        o.printf("generated %d tokens (stopped: %s); the %d fed back used %d iterations of %d at fixed R = %d%s%n",
                g.generatedIds().length, g.settings().stopReason(), fed, g.iterationsUsed(), (long) fed * r, r,
                fed == 0 ? "" : String.format(" (%.0f %%)", 100.0 * g.iterationsUsed() / ((long) fed * r)));
        o.printf("wrote %s (%s): %d positions × %d iterations, %.1f tokens/s, %.2f ms per iteration%n", out,
                MemoryEstimate.human(Files.size(out)), trace.tokenCount(), trace.iterations(),
                trace.info().timingsMs().getOrDefault("tokens_per_s", 0.0), trace.info().timingsMs().getOrDefault("ms_per_iteration", 0.0));
    }

    /** --kv-sharing by name, listing the valid ones when it is unknown. */
    static final class KvSharingConverter implements picocli.CommandLine.ITypeConverter<KvSharing> {
        @Override
        public KvSharing convert(String value) {
            try {
                return KvSharing.byId(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
