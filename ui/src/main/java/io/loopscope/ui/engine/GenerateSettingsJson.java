package io.loopscope.ui.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.generate.Sampling;
import io.loopscope.inference.model.KvSharing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link GenerateSettings} as JSON (snake_case, the option names of {@code loopscope generate}): in
 * session.json and in the prompt history of the settings file. Missing fields take the defaults, so
 * files written before a field existed still read.
 */
public final class GenerateSettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GenerateSettings D = GenerateSettings.DEFAULTS;

    private GenerateSettingsJson() {
    }

    public static Map<String, Object> toMap(GenerateSettings g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_new_tokens", g.maxNewTokens());
        m.put("exit", g.criterion().id());
        m.put("threshold", g.threshold());
        m.put("kv_sharing", g.sharing().id());
        m.put("warm_start", g.warmStart());
        Sampling s = g.sampling();
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("temperature", s.temperature());
        sampling.put("top_k", s.topK());
        sampling.put("top_p", s.topP());
        sampling.put("min_p", s.minP());
        sampling.put("seed", s.seed());
        m.put("sampling", sampling);
        m.put("stop", g.stops());
        return m;
    }

    /** The settings in n; IllegalArgumentException (with the engine's message) for values it refuses. */
    public static GenerateSettings fromJson(JsonNode n) {
        JsonNode s = n.path("sampling");
        Sampling d = D.sampling();
        Sampling sampling = s.isMissingNode() ? d : new Sampling(s.path("temperature").asDouble(d.temperature()), s.path("top_k").asInt(d.topK()),
                s.path("top_p").asDouble(d.topP()), s.path("min_p").asDouble(d.minP()), s.path("seed").asLong(d.seed()));
        List<String> stops = new ArrayList<>();
        for (JsonNode t : n.path("stop")) stops.add(t.asText());
        return new GenerateSettings(n.path("max_new_tokens").asInt(D.maxNewTokens()), ExitCriterion.byId(n.path("exit").asText(D.criterion().id())),
                n.path("threshold").asDouble(D.threshold()), KvSharing.byId(n.path("kv_sharing").asText(D.sharing().id())),
                n.path("warm_start").asBoolean(D.warmStart()), sampling, stops);
    }

    public static String encode(GenerateSettings g) {
        try {
            return JSON.writeValueAsString(toMap(g));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }

    /** The settings in text, or null when it is not readable settings (a damaged file costs only these). */
    public static GenerateSettings decode(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return fromJson(JSON.readTree(text));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
