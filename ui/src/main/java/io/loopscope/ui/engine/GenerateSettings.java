package io.loopscope.ui.engine;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.GenerationRequest;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.generate.StopRule;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.inference.model.StateInit;
import io.loopscope.inference.trace.Generated;
import io.loopscope.inference.trace.TraceRequest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The run bar's Generate settings: how many tokens at most, when each generated token stops
 * thinking, what later tokens see of one that stopped early, where a generated token's loop starts,
 * how the next token is picked and which strings end the text. The values are checked by the
 * engine's own records ({@link GenerationRequest}, {@link Sampling}, {@link StopRule}), so the
 * workbench and {@code loopscope generate} accept exactly the same settings.
 *
 * @param maxNewTokens N, the most tokens to generate
 * @param criterion    the exit criterion of every generated token ({@link ExitCriterion#NONE}: always R)
 * @param threshold    its threshold (ignored for none)
 * @param sharing      KV sharing for positions that stopped before the current step
 * @param warmStart    a generated position starts from the previous position's final state
 * @param sampling     greedy or seeded sampling
 * @param stops        stop strings (none empty)
 */
public record GenerateSettings(int maxNewTokens, ExitCriterion criterion, double threshold, KvSharing sharing, boolean warmStart,
                               Sampling sampling, List<String> stops) {

    /** What the Generate mode starts with: the paper's kl exit, Huginn's default sharing, greedy. */
    public static final GenerateSettings DEFAULTS = new GenerateSettings(16, ExitCriterion.KL, ExitCriterion.KL.defaultThreshold(),
            KvSharing.LATEST, false, Sampling.GREEDY, List.of());

    public GenerateSettings {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(sharing, "sharing");
        Objects.requireNonNull(sampling, "sampling");
        stops = List.copyOf(stops);
        if (criterion == ExitCriterion.NONE) threshold = 0;
        // the engine's request is the one place the rules live; a one-token prompt and R = 1 stand in
        // for what only the run knows (RunSpec checks R, the pipeline the prompt and the context)
        new GenerationRequest(new long[] {0}, maxNewTokens, 1, criterion, threshold, sharing, new StateInit.Zeros(), warmStart, sampling,
                new StopRule(Set.of(), stops, ids -> ""), 1, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
    }

    /** The engine's request for a prompt, R, s0, the lens's top-k and the model's stop rule. */
    public GenerationRequest request(long[] prompt, int iterations, StateInit init, int topK, StopRule stop) {
        return new GenerationRequest(prompt, maxNewTokens, iterations, criterion, threshold, sharing, init, warmStart, sampling, stop,
                topK, false, TraceRequest.DEFAULT_MAX_ITERATIONS);
    }

    /** "kl < 5e-4" or "none (always R)" — how a generated token decides to stop. */
    public String exitLabel() {
        return exitLabel(criterion.id(), threshold);
    }

    public static String exitLabel(String criterion, double threshold) {
        if (ExitCriterion.NONE.id().equals(criterion)) return "none (always R)";
        return criterion + " < " + String.format(Locale.ROOT, "%.3g", threshold).replaceFirst("\\.?0+(e|$)", "$1");
    }

    /**
     * The settings a recorded generation ran with, or null when the record cannot say (another
     * version's criterion, a damaged field). maxNewTokens becomes the number generated: the real
     * maximum is not recorded, and that many reproduces the run.
     */
    public static GenerateSettings of(Generated g) {
        try {
            Generated.Settings s = g.settings();
            return new GenerateSettings(g.generatedIds().length, ExitCriterion.byId(s.exitCriterion()), s.exitThreshold(),
                    KvSharing.byId(s.kvSharing()), s.warmStart(), parseSampling(s.sampling()), s.stop());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads {@link Sampling#describe()} back ("greedy" or "temperature=0.8 top-k=40 top-p=0.9 min-p=0 seed=1"). */
    static Sampling parseSampling(String text) {
        if (text == null || text.isBlank() || text.strip().equals("greedy")) return Sampling.GREEDY;
        double temperature = 0, topP = 1, minP = 0;
        int topK = 0;
        long seed = 0;
        for (String part : text.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("unreadable sampling '" + text + "'");
            String key = part.substring(0, eq), value = part.substring(eq + 1);
            switch (key) {
                case "temperature" -> temperature = Double.parseDouble(value);
                case "top-k" -> topK = Integer.parseInt(value);
                case "top-p" -> topP = Double.parseDouble(value);
                case "min-p" -> minP = Double.parseDouble(value);
                case "seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown sampling option '" + key + "'");
            }
        }
        return new Sampling(temperature, topK, topP, minP, seed);
    }
}
