package io.loopscope.app;

import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.exit.ExitThresholds;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.MemoryEstimate;
import io.loopscope.inference.trace.Trace;
import io.loopscope.inference.trace.TraceFile;
import io.loopscope.inference.trace.TraceRequest;
import io.loopscope.inference.trace.Tracer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code loopscope trace}: records every iteration of a run into an NPZ that numpy opens. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Run a looped model on a prompt and record every per-iteration state and its logit lens into an NPZ.")
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    static final class Input {
        @Option(names = "--prompt", description = "Text to encode with the model's tokenizer.json.")
        String prompt;

        @Option(names = "--ids", split = ",", description = "Token ids, comma separated (no tokenizer needed).")
        long[] ids;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = {"-r", "--iterations"}, description = "Loop iterations R (default: the model's mean_recurrence).")
    Integer iterations;

    @Option(names = "--max-iterations", defaultValue = "" + TraceRequest.DEFAULT_MAX_ITERATIONS,
            description = "Refuse R above this (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--init", defaultValue = "random", description = "s0: random, zeros, or FILE.npy holding [S, H] (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of a random s0 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--top-k", defaultValue = "" + TraceRequest.DEFAULT_TOP_K, description = "Logit-lens tokens kept per step (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--full-lens", description = "Also store the full [R+1, S, V] lens logits (large).")
    boolean fullLens;

    @Option(names = "--exit-thresholds", split = ",", paramLabel = "CRITERION=VALUE",
            description = "Override exit thresholds, e.g. kl=1e-4,latent-diff=0.05.")
    Map<String, Double> exitThresholds;

    @Option(names = "--logit-lens", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also record the logit lens, lm_head(ln_f(s)) without the coda, as logit_lens_* arrays (default: on; "
                    + "--no-logit-lens skips it, which saves one head product per step).")
    boolean logitLens;

    @Option(names = "--layers", description = "Also record the output of every loop layer at every iteration as layer_states "
            + "float32 [R, C, S, H] (Huginn: the core blocks; its last layer equals states[1:]). C times the states' memory.")
    boolean layers;

    @Option(names = "--rank-tokens", split = ",", paramLabel = "TOKEN",
            description = "Record where these tokens rank under each lens at every iteration (and layer, with --layers): rank_ids, "
                    + "lens_ranks, logit_lens_ranks int32 [R+1, S, T]; e.g. the answer, a running total, a control token. Each must be one token.")
    List<String> rankTokens;

    @Option(names = "--rank-ids", split = ",", paramLabel = "ID", description = "As --rank-tokens, by token id.")
    List<Long> rankIdList;

    @Option(names = "--label", description = "A label stored in the trace, for grouping traces in analyze.")
    String label;

    @Option(names = {"-o", "--out"}, required = true, description = "The NPZ file to write.")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /** --rank-tokens encoded (one token each) followed by --rank-ids. */
    private long[] rankIds(ModelHandle model) {
        List<Long> out = new java.util.ArrayList<>();
        if (rankTokens != null) {
            for (String token : rankTokens) {
                if (token.isEmpty()) throw new IllegalArgumentException("--rank-tokens has an empty token");
                long[] ids = model.encode(token);
                if (ids.length != 1) {
                    throw new IllegalArgumentException("--rank-tokens '" + token + "' is " + ids.length + " tokens, not one; give its id with --rank-ids");
                }
                out.add(ids[0]);
            }
        }
        if (rankIdList != null) out.addAll(rankIdList);
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public Integer call() throws Exception {
        MapOptions.requireUniqueKeys(spec, "--exit-thresholds");
        Outputs.requireWritableTarget(out);
        ModelHandle model = modelOption.open(spec.commandLine().getErr());
        long[] ids = input.ids != null ? input.ids : model.encode(input.prompt);
        int r = iterations != null ? iterations : model.model().defaultIterations();
        TraceRequest request = new TraceRequest(ids, r, stateInit(), topK, fullLens,
                ExitThresholds.of(exitThresholds), maxIterations, label, logitLens, layers, rankIds(model));

        try (CtrlC ctrlC = CtrlC.install();
             Progress progress = Progress.start("trace", r + 1L, quiet, spec.commandLine().getErr())) {
            Trace trace = Tracer.run(model.subject(), request, model.tokenStrings(ids), Version.current(),
                    step -> progress.stepTo(step + 1L), ctrlC::cancelled);
            progress.close();
            TraceFile.write(out, trace);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("wrote %s (%s): %d tokens × %d iterations, hidden %d, %.1f ms per iteration%n", out,
                    MemoryEstimate.human(Files.size(out)), trace.tokenCount(), trace.iterations(), trace.hidden(),
                    trace.info().timingsMs().getOrDefault("ms_per_iteration", 0.0));
        }
        return 0;
    }

    private StateInit stateInit() throws java.io.IOException {
        return InitOption.parse(init, seed);
    }
}
