package io.loopscope.ui.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.analysis.probe.ProbeCurve;
import io.loopscope.analysis.probe.ProbeLabel;
import io.loopscope.analysis.probe.ProbeLayers;
import io.loopscope.analysis.probe.ProbeSettings;
import io.loopscope.analysis.probe.ProbeSource;
import io.loopscope.inference.tasks.Range;
import io.loopscope.ui.engine.ProbeResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * session.json's "probe": the Probes view's settings and its last probe, whose curve is stored as
 * {@code loopscope probe --json} writes it. Read back through the same records, so a hand-edited
 * value is refused with the command line's message.
 */
final class ProbeJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeJson() {
    }

    static Map<String, Object> toMap(ViewState.ProbeState p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.form() != null) m.put("settings", settings(p.form()));
        if (p.last() != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("settings", settings(p.last().settings()));
            last.put("prompts", p.last().prompts());
            last.put("model", p.last().model());
            try {
                last.put("curve", JSON.readTree(p.last().curve().toJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a probe curve's own JSON did not read back", e);
            }
            m.put("last", last);
        }
        return m;
    }

    /** The probe part of a session, or null when it has none; IllegalArgumentException for a value this version refuses. */
    static ViewState.ProbeState fromJson(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) return null;
        ProbeSettings form = n.has("settings") ? settings(n.path("settings")) : null;
        ProbeResult last = null;
        JsonNode l = n.path("last");
        if (!l.isMissingNode()) {
            try {
                last = new ProbeResult(settings(l.path("settings")), l.path("prompts").asInt(), l.path("model").asText("?"),
                        ProbeCurve.fromJson(l.path("curve")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its last probe: " + e.getMessage(), e);
            }
        }
        return form == null && last == null ? null : new ViewState.ProbeState(form, last);
    }

    static Map<String, Object> settings(ProbeSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (s.source()) {
            case ProbeSource.TaskPrompts t -> {
                m.put("source", "task");
                m.put("task", t.task());
                m.put("difficulty", t.difficulty() == null ? null : t.difficulty().toString());
                m.put("samples", t.samples());
            }
            case ProbeSource.FilePrompts f -> {
                m.put("source", "file");
                m.put("file", f.file().toString());
            }
        }
        m.put("label", s.label().id());
        m.put("position", s.position());
        m.put("iterations", s.iterations());
        m.put("folds", s.folds());
        m.put("seed", s.seed());
        if (s.layers().any()) m.put("layers", s.layers().toString()); // as probe --layers spells them; absent in older sessions
        return m;
    }

    static ProbeSettings settings(JsonNode n) {
        if (!n.isObject()) throw new IllegalArgumentException("the probe settings are not a JSON object");
        ProbeSource source = switch (n.path("source").asText()) {
            case "task" -> new ProbeSource.TaskPrompts(n.path("task").asText(), n.path("difficulty").isTextual()
                    ? Range.parse(n.path("difficulty").asText(), "the probe's difficulty") : null, n.path("samples").asInt());
            case "file" -> new ProbeSource.FilePrompts(Path.of(n.path("file").asText()));
            default -> throw new IllegalArgumentException("the probe's source must be task or file, got '" + n.path("source").asText() + "'");
        };
        JsonNode position = n.path("position");
        return new ProbeSettings(source, ProbeLabel.byId(n.path("label").asText()), position.canConvertToInt() ? position.asInt() : null,
                n.path("iterations").asInt(), n.path("folds").asInt(), n.path("seed").asLong(), ProbeLayers.parse(n.path("layers").asText("")));
    }
}
