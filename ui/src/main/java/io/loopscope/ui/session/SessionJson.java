package io.loopscope.ui.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.trace.Trace;
import io.loopscope.ui.chart.PcPair;
import io.loopscope.ui.engine.GenerateSettings;
import io.loopscope.ui.engine.GenerateSettingsJson;
import io.loopscope.ui.engine.LoadedRuns;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.RunSpec.InitMode;
import io.loopscope.ui.engine.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** session.json's pieces: run settings and view state to and from JSON (snake_case, like meta.json). */
final class SessionJson {
    private SessionJson() {
    }

    static Map<String, Object> spec(RunSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model(s.model()));
        m.put("prompt", s.prompt());
        m.put("iterations", s.iterations());
        m.put("init", s.init().name().toLowerCase());
        m.put("seed", s.seed());
        m.put("top_k", s.topK());
        if (s.generates()) m.put("generate", GenerateSettingsJson.toMap(s.generate()));
        m.put("layers", s.layers());
        return m;
    }

    /**
     * The run's settings; a session written before Generate existed has no "generate" and was a Run
     * (unless its trace is a generation, whose record then says how it ran).
     */
    static RunSpec spec(JsonNode n, Trace trace) {
        if (n.isMissingNode()) return LoadedRuns.specOf(trace);
        JsonNode g = n.path("generate");
        GenerateSettings generate = !g.isMissingNode() && !g.isNull() ? GenerateSettingsJson.fromJson(g)
                : trace.generation() == null ? null : LoadedRuns.specOf(trace).generate();
        return new RunSpec(model(n.path("model")), n.path("prompt").asText(), n.path("iterations").asInt(trace.iterations()),
                "zeros".equals(n.path("init").asText()) ? InitMode.ZEROS : InitMode.RANDOM, n.path("seed").asLong(), n.path("top_k").asInt(5),
                generate, generate == null && n.path("layers").asBoolean(false));
    }

    static Map<String, Object> model(ModelRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("embedded", ref.embedded());
        if (ref.directory() != null) m.put("directory", ref.directory().toString());
        return m;
    }

    static ModelRef model(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        if (n.path("embedded").asBoolean(false)) return ModelRef.embeddedModel();
        return ModelRef.folder(Path.of(n.path("directory").asText()));
    }

    static Map<String, Object> view(ViewState v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("criterion", v.criterion());
        m.put("threshold", v.threshold());
        m.put("tokens", v.tokens());
        m.put("focus", v.focus());
        m.put("step", v.step());
        m.put("view", v.view());
        m.put("pair", List.of(v.pair().x(), v.pair().y()));
        m.put("paper_panels", v.paperPanels());
        m.put("colouring", v.colouring());
        m.put("theme", v.theme());
        m.put("ranks", Map.of("tokens", v.ranks().tokens(), "layer", v.ranks().layer()));
        if (v.compare() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", v.compare().model() == null ? null : model(v.compare().model()));
            c.put("iterations", v.compare().iterations());
            c.put("init", v.compare().init().name().toLowerCase());
            c.put("seed", v.compare().seed());
            c.put("pair", List.of(v.compare().pair().x(), v.compare().pair().y()));
            m.put("compare", c);
        }
        if (v.probe() != null) m.put("probe", ProbeJson.toMap(v.probe()));
        return m;
    }

    /** The view state of a session, checked against the run it belongs to (indices out of range are dropped). */
    static ViewState view(JsonNode n, RunResult run) {
        ViewState d = defaultView(run);
        if (n.isMissingNode()) return d;
        String criterion = n.path("criterion").asText(d.criterion());
        ExitCriterion.byId(criterion); // unknown criteria are an error, not a silent default
        List<Integer> tokens = new ArrayList<>();
        for (JsonNode t : n.path("tokens")) if (t.asInt(-1) >= 0 && t.asInt() < run.tokens()) tokens.add(t.asInt());
        if (tokens.isEmpty()) tokens = d.tokens();
        int focus = n.path("focus").asInt(-1);
        if (!tokens.contains(focus)) focus = tokens.getLast();
        int step = Math.max(0, Math.min(run.iterations(), n.path("step").asInt(run.iterations())));
        ViewState.CompareSettings cmp = null;
        JsonNode c = n.path("compare");
        if (!c.isMissingNode()) {
            cmp = new ViewState.CompareSettings(model(c.path("model")), c.path("iterations").asInt(run.iterations()),
                    "zeros".equals(c.path("init").asText()) ? InitMode.ZEROS : InitMode.RANDOM, c.path("seed").asLong(), pair(c.path("pair")));
        }
        JsonNode ranks = n.path("ranks");
        // a layer the run did not record is kept: the Ranks view says so rather than quietly showing another
        ViewState.RankSettings rankSettings = new ViewState.RankSettings(ranks.path("tokens").asText(""), Math.max(0, ranks.path("layer").asInt(0)));
        return new ViewState(criterion, n.path("threshold").asDouble(d.threshold()), tokens, focus, step, n.path("view").asText(d.view()),
                pair(n.path("pair")), n.path("paper_panels").asBoolean(false), n.path("colouring").asText(d.colouring()), cmp,
                n.path("theme").asText(null), rankSettings, ProbeJson.fromJson(n.path("probe")));
    }

    private static PcPair pair(JsonNode n) {
        return n.isArray() && n.size() == 2 ? new PcPair(n.get(0).asInt(), n.get(1).asInt()) : new PcPair(0, 1);
    }

    /** What a fresh run of r shows. */
    static ViewState defaultView(RunResult r) {
        List<Integer> tokens = new ArrayList<>();
        for (int t = Math.max(0, r.tokens() - 3); t < r.tokens(); t++) tokens.add(t);
        return new ViewState(ExitCriterion.KL.id(), ExitCriterion.KL.defaultThreshold(), tokens, tokens.getLast(), r.iterations(), "trajectories",
                new PcPair(0, 1), false, "MOTIF", null, null);
    }
}
