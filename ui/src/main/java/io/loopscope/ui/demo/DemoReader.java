package io.loopscope.ui.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.views.ViewType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses and validates demo files; every problem is reported with the file and the field. */
public final class DemoReader {
    public static final String FORMAT = "loopscope-demo";
    public static final int VERSION = 1;
    static final Set<String> KINDS = Set.of("motif", "exit_before", "lens_top1", "same_attractor", "different_attractor");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoReader() {
    }

    public static Demo read(String id, InputStream in) throws IOException {
        return parse(id, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Demo parse(String id, String text) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("demo " + id + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!FORMAT.equals(n.path("format").asText())) throw bad(id, "format must be \"" + FORMAT + "\"");
        if (n.path("version").asInt(0) > VERSION) throw bad(id, "was written for a newer LoopScope (demo format " + n.path("version").asInt() + ")");
        String title = required(id, n, "title"), prompt = required(id, n, "prompt");
        JsonNode s = n.path("settings");
        List<Long> seeds = new ArrayList<>();
        for (JsonNode x : s.path("seeds")) seeds.add(x.asLong());
        if (seeds.isEmpty()) seeds.add(0L);
        String criterion = s.path("criterion").asText("kl");
        try {
            ExitCriterion.byId(criterion);
        } catch (IllegalArgumentException e) {
            throw bad(id, "settings.criterion: " + e.getMessage());
        }
        int iterations = s.path("iterations").asInt(32);
        int cap = io.loopscope.inference.trace.TraceRequest.DEFAULT_MAX_ITERATIONS;
        if (iterations < 1 || iterations > cap) throw bad(id, "settings.iterations must be 1.." + cap);
        String init = s.path("init").asText("random");
        if (!init.equals("random") && !init.equals("zeros")) throw bad(id, "settings.init must be random or zeros");
        Demo.Settings settings = new Demo.Settings(iterations, seeds, init, criterion, s.path("threshold").asDouble(Double.NaN),
                s.path("compare_iterations").asInt(0));
        List<Demo.Claim> claims = new ArrayList<>();
        for (JsonNode c : n.path("claims")) {
            String kind = c.path("kind").asText();
            if (!KINDS.contains(kind)) throw bad(id, "unknown claim kind '" + kind + "'; known: " + KINDS);
            claims.add(new Demo.Claim(kind, c.path("run").asText("a"), ints(c.path("tokens")), ints(c.path("others")),
                    c.path("motif").asText(null), c.path("answer").asText(null), ints(c.path("right_at")), ints(c.path("wrong_at"))));
        }
        List<Demo.Step> tour = new ArrayList<>();
        for (JsonNode t : n.path("tour")) {
            ViewType view;
            try {
                view = ViewType.byId(t.path("view").asText(ViewType.TRAJECTORIES.id()));
            } catch (IllegalArgumentException e) {
                throw bad(id, "tour step " + (tour.size() + 1) + ": " + e.getMessage());
            }
            if (view == ViewType.COMPARE && !settings.hasRunB()) throw bad(id, "tour step " + (tour.size() + 1) + " shows compare, but the demo has no run B");
            tour.add(new Demo.Step(required(id, t, "text"), view, ints(t.path("tokens")), t.path("step").asInt(-1)));
        }
        if (tour.size() < 3 || tour.size() > 6) throw bad(id, "a tour has 3 to 6 steps, this one " + tour.size());
        if (claims.isEmpty()) throw bad(id, "a demo states at least one checkable claim");
        return new Demo(id, title, prompt, n.path("model").asText(Demo.EMBEDDED), settings, n.path("look_at").asText(""), claims, tour);
    }

    private static String required(String id, JsonNode n, String field) throws IOException {
        String v = n.path(field).asText("");
        if (v.isBlank()) throw bad(id, "'" + field + "' is missing");
        return v;
    }

    private static List<Integer> ints(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        if (n.isInt()) out.add(n.asInt());
        for (JsonNode x : n) out.add(x.asInt());
        return out;
    }

    private static IOException bad(String id, String what) {
        return new IOException("demo " + id + ": " + what);
    }
}
