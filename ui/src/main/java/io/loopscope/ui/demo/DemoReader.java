package io.loopscope.ui.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.views.ViewType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.engine.GenerateSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and validates demo files; every problem is reported with the file, the field and the value
 * found. Token indices of claims and tour steps are checked once the prompt is tokenized
 * ({@link Demo#requireTokensWithin}).
 */
public final class DemoReader {
    public static final String FORMAT = "loopscope-demo";
    public static final int VERSION = 1;
    static final Set<String> KINDS = new TreeSet<>(Set.of("motif", "exit_before", "lens_top1", "same_attractor", "different_attractor", "generates"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAP = io.loopscope.inference.trace.TraceRequest.DEFAULT_MAX_ITERATIONS;

    private DemoReader() {
    }

    public static Demo read(String id, InputStream in) throws IOException {
        return parse(id, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Demo parse(String id, String text) throws IOException {
        DemoFields f = new DemoFields(id);
        if (text.isBlank()) throw f.bad("the file is empty");
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("demo " + id + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!n.isObject()) throw f.bad("must be a JSON object {\"format\": \"" + FORMAT + "\", …}, not " + DemoFields.shown(n));
        String format = f.text(n, "format", "format", "");
        if (!FORMAT.equals(format)) throw f.bad("format must be \"" + FORMAT + "\"" + (format.isEmpty() ? " ('format' is missing)" : ", not \"" + format + "\""));
        int version = f.integer(n, "version", "version", VERSION, 1, Integer.MAX_VALUE);
        if (version > VERSION) throw f.bad("was written for a newer LoopScope (demo format " + version + ")");
        String title = f.required(n, "title", "title"), prompt = f.required(n, "prompt", "prompt");
        Demo.Settings settings = settings(f, f.object(n, "settings", "settings"));
        List<Demo.Claim> claims = new ArrayList<>();
        List<JsonNode> claimNodes = f.objects(n, "claims", "claims");
        for (int i = 0; i < claimNodes.size(); i++) claims.add(claim(f, claimNodes.get(i), "claims[" + (i + 1) + "]", settings));
        List<Demo.Step> tour = new ArrayList<>();
        for (JsonNode t : f.objects(n, "tour", "tour")) {
            String path = "tour step " + (tour.size() + 1);
            ViewType view;
            try {
                view = ViewType.byId(f.text(t, "view", path + ".view", ViewType.TRAJECTORIES.id()));
            } catch (IllegalArgumentException e) {
                throw f.bad(path + ": " + e.getMessage());
            }
            if (view == ViewType.COMPARE && !settings.hasRunB()) throw f.bad(path + " shows compare, but the demo has no run B");
            tour.add(new Demo.Step(f.required(t, "text", path + ".text"), view, f.integers(t, "tokens", path + ".tokens", 0, Integer.MAX_VALUE),
                    f.integer(t, "step", path + ".step", -1, -1, settings.iterations())));
        }
        if (tour.size() < 3 || tour.size() > 6) throw f.bad("a tour has 3 to 6 steps, this one " + tour.size());
        if (claims.isEmpty()) throw f.bad("a demo states at least one checkable claim");
        return new Demo(id, title, prompt, f.text(n, "model", "model", Demo.EMBEDDED), settings, f.text(n, "look_at", "look_at", ""), claims, tour);
    }

    private static Demo.Settings settings(DemoFields f, JsonNode s) throws IOException {
        List<Long> seeds = f.longs(s, "seeds", "settings.seeds");
        if (seeds.isEmpty()) seeds.add(0L);
        if (seeds.size() > 2) throw f.bad("settings.seeds holds the seeds of runs A and B, so at most 2, not " + seeds.size());
        String criterionId = f.text(s, "criterion", "settings.criterion", ExitCriterion.KL.id());
        ExitCriterion criterion;
        try {
            criterion = ExitCriterion.byId(criterionId);
        } catch (IllegalArgumentException e) {
            throw f.bad("settings.criterion: " + e.getMessage());
        }
        int iterations = f.integer(s, "iterations", "settings.iterations", 32, 1, CAP);
        String init = f.text(s, "init", "settings.init", "random");
        if (!init.equals("random") && !init.equals("zeros")) throw f.bad("settings.init must be random or zeros, not \"" + init + "\"");
        double threshold = f.positive(s, "threshold", "settings.threshold", Double.NaN);
        int compare = f.integer(s, "compare_iterations", "settings.compare_iterations", 0, 0, CAP);
        GenerateSettings generate = null;
        JsonNode g = f.object(s, "generate", "settings.generate");
        if (!g.isEmpty()) {
            if (seeds.size() > 1 || compare > 0) throw f.bad("settings.generate: a generating demo has one run (no second seed, no compare_iterations)");
            KvSharing sharing;
            try {
                sharing = KvSharing.byId(f.text(g, "kv_sharing", "settings.generate.kv_sharing", KvSharing.LATEST.id()));
            } catch (IllegalArgumentException e) {
                throw f.bad("settings.generate.kv_sharing: " + e.getMessage());
            }
            double th = Double.isNaN(threshold) ? criterion.defaultThreshold() : threshold;
            generate = new GenerateSettings(f.integer(g, "max_new_tokens", "settings.generate.max_new_tokens", 16, 1, 4096), criterion, th, sharing,
                    f.bool(g, "warm_start", "settings.generate.warm_start", false), Sampling.GREEDY, List.of());
        }
        return new Demo.Settings(iterations, seeds, init, criterionId, threshold, compare, generate);
    }

    private static Demo.Claim claim(DemoFields f, JsonNode c, String path, Demo.Settings settings) throws IOException {
        String kind = f.text(c, "kind", path + ".kind", "");
        if (!KINDS.contains(kind)) throw f.bad(path + ": unknown claim kind '" + kind + "'; known: " + String.join(", ", KINDS));
        String run = f.text(c, "run", path + ".run", "a");
        if (!run.equals("a") && !run.equals("b")) throw f.bad(path + ".run must be \"a\" or \"b\", not \"" + run + "\"");
        if (run.equals("b") && !settings.hasRunB()) throw f.bad(path + " is about run B, but the demo has no run B");
        int steps = run.equals("b") && settings.compareIterations() > 0 ? settings.compareIterations() : settings.iterations();
        List<Integer> tokens = f.integers(c, "tokens", path + ".tokens", 0, Integer.MAX_VALUE);
        String motif = f.text(c, "motif", path + ".motif", null);
        String answer = f.text(c, "answer", path + ".answer", null);
        switch (kind) {
            case "motif" -> {
                List<String> known = Arrays.stream(Motif.values()).map(Motif::id).toList();
                if (motif == null || !known.contains(motif)) throw f.bad(path + ".motif must be one of " + String.join(", ", known) + ", not "
                        + (motif == null ? "missing" : "'" + motif + "'"));
            }
            case "lens_top1", "generates" -> {
                if (answer == null || answer.isEmpty()) throw f.bad(path + ".answer is missing");
            }
            case "same_attractor", "different_attractor" -> {
                if (!settings.hasRunB()) throw f.bad(path + " compares runs A and B, but the demo has no run B");
            }
            default -> { }
        }
        if (kind.equals("generates") && settings.generate() == null) throw f.bad(path + " is about generated text, but settings.generate is missing");
        if ((kind.equals("motif") || kind.equals("exit_before") || kind.equals("lens_top1")) && tokens.isEmpty()) throw f.bad(path + ".tokens is missing");
        return new Demo.Claim(kind, run, tokens, f.integers(c, "others", path + ".others", 0, Integer.MAX_VALUE), motif, answer,
                f.integers(c, "right_at", path + ".right_at", 0, steps), f.integers(c, "wrong_at", path + ".wrong_at", 0, steps));
    }
}
