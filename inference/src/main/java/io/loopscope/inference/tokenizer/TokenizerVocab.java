package io.loopscope.inference.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What DJL does not expose about a tokenizer.json: the raw token strings by id, the vocabulary size and
 * the unknown token's id — read from the file itself (model.vocab, model.unk_token / unk_id, added_tokens).
 *
 * @param tokens  id → token as stored
 * @param size    one past the largest id
 * @param unkId   the id of the unknown token, when the model has one
 * @param special    content → id of the added tokens marked special
 * @param hasDecoder the file names a decoder; without one the library joins tokens with spaces,
 *                   which is wrong for a character vocabulary, so text is the tokens concatenated
 */
record TokenizerVocab(Map<Long, String> tokens, int size, OptionalLong unkId, Map<String, Long> special, boolean hasDecoder) {
    TokenizerVocab {
        tokens = Map.copyOf(tokens);
        special = Map.copyOf(special);
    }

    static TokenizerVocab read(Path tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        Map<Long, String> tokens = new HashMap<>();
        JsonNode model = root.path("model");
        JsonNode vocab = model.path("vocab");
        if (vocab.isObject()) {                       // BPE, WordLevel, WordPiece: {token: id}
            vocab.properties().forEach(e -> tokens.put(e.getValue().asLong(), e.getKey()));
        } else if (vocab.isArray()) {                 // Unigram: [[piece, score], ...], id = position
            for (int i = 0; i < vocab.size(); i++) tokens.put((long) i, vocab.get(i).path(0).asText());
        }
        Map<String, Long> special = new HashMap<>();
        for (JsonNode added : root.path("added_tokens")) {
            tokens.put(added.path("id").asLong(), added.path("content").asText());
            if (added.path("special").asBoolean(false)) special.put(added.path("content").asText(), added.path("id").asLong());
        }
        OptionalLong unk = OptionalLong.empty();
        if (model.path("unk_id").isIntegralNumber()) {
            unk = OptionalLong.of(model.path("unk_id").asLong());
        } else if (model.path("unk_token").isTextual()) {
            String u = model.path("unk_token").asText();
            unk = tokens.entrySet().stream().filter(e -> e.getValue().equals(u)).mapToLong(Map.Entry::getKey).findFirst();
        }
        long max = tokens.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        boolean decoder = !root.path("decoder").isMissingNode() && !root.path("decoder").isNull();
        return new TokenizerVocab(tokens, (int) (max + 1), unk, special, decoder);
    }
}
