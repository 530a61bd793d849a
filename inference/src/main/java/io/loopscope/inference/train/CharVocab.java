package io.loopscope.inference.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The character vocabulary of LoopScope's own small models: id 0 is [PAD], id 1 is [UNK], then one
 * id per character, then {@value #END} — the marker a model writes after an answer, so generation
 * stops by itself (Huginn's own end-of-text token, so {@code Tokenizer.END_MARKERS} knows it). It writes itself as a tokenizer.json that HF tokenizers loads (a BPE model with
 * no merges, so every character is its own token and anything else becomes [UNK], which is how a
 * caller detects characters outside the vocabulary).
 */
public final class CharVocab {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    public static final String END = "<|end_text|>";

    /** Every character the task suite uses, plus a few a person might type around them. */
    public static final String DEFAULT_CHARS = " 0123456789abcdefghijklmnopqrstuvwxyz+-*=>?:.,#";

    private final String chars;
    private final Map<Character, Integer> ids = new LinkedHashMap<>();

    public CharVocab(String chars) {
        this.chars = chars;
        for (int i = 0; i < chars.length(); i++) {
            if (ids.put(chars.charAt(i), i + 2) != null) {
                throw new IllegalArgumentException("duplicate character '" + chars.charAt(i) + "' in the vocabulary");
            }
        }
    }

    public static CharVocab standard() {
        return new CharVocab(DEFAULT_CHARS);
    }

    public int size() {
        return chars.length() + 3;
    }

    /** The id of {@value #END}: the last one. */
    public int endId() {
        return chars.length() + 2;
    }

    /** Token ids for text; characters outside the vocabulary are an error that lists all of them. */
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        TreeSet<Character> unknown = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            Integer id = ids.get(text.charAt(i));
            if (id == null) unknown.add(text.charAt(i));
            else out[i] = id;
        }
        if (!unknown.isEmpty()) {
            List<String> shown = new ArrayList<>();
            for (char c : unknown) shown.add("'" + c + "'");
            throw new IllegalArgumentException("characters outside the vocabulary: " + String.join(", ", shown)
                    + " (the vocabulary is: " + chars + ")");
        }
        return out;
    }

    public int id(char c) {
        Integer id = ids.get(c);
        if (id == null) throw new IllegalArgumentException("character '" + c + "' is outside the vocabulary");
        return id;
    }

    /** The text of one token id. */
    public String token(int id) {
        if (id == PAD_ID) return PAD;
        if (id == UNK_ID) return UNK;
        if (id == endId()) return END;
        if (id < 2 || id >= size()) throw new IllegalArgumentException("token id " + id + " is outside [0, " + size() + ")");
        return String.valueOf(chars.charAt(id - 2));
    }

    /** The tokenizer.json text (HF tokenizers format). */
    public String tokenizerJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id : new int[] {PAD_ID, UNK_ID, endId()}) {
            ObjectNode t = added.addObject();
            t.put("id", id);
            t.put("content", token(id));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");   // no splitting: spaces are ordinary characters
        root.putNull("post_processor");  // no BOS/EOS: the models see exactly the typed characters
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", UNK);
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);     // one [UNK] per unknown character, so they can be located
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < size(); id++) vocab.put(token(id), id);
        model.putArray("merges");
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The characters of the vocabulary in id order (ids 2, 3, …; the end marker follows them). */
    @Override
    public String toString() {
        return chars;
    }
}
