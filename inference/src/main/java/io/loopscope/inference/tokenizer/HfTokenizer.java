package io.loopscope.inference.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Hugging Face tokenizer.json run through DJL's bindings to the Rust tokenizers library (offline).
 * Encoding adds no special tokens, and refuses text that would silently become unknown tokens: a model
 * fed [UNK] for every accented letter gives traces that look meaningful and are not.
 */
public final class HfTokenizer implements Tokenizer {
    private final Path file;
    private final HuggingFaceTokenizer hf;
    private final TokenizerVocab vocab;

    private HfTokenizer(Path file, HuggingFaceTokenizer hf, TokenizerVocab vocab) {
        this.file = file;
        this.hf = hf;
        this.vocab = vocab;
    }

    /** Loads a tokenizer.json file. */
    public static HfTokenizer load(Path tokenizerJson) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) throw new IOException(tokenizerJson + ": no such file");
        TokenizerVocab vocab;
        try {
            vocab = TokenizerVocab.read(tokenizerJson);
        } catch (IOException e) {
            throw new IOException(tokenizerJson + " is not a valid tokenizer.json: " + e.getMessage(), e);
        }
        // the model decides about BOS/EOS, and a prompt must never be cut or padded behind the user's back
        Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
        try {
            return new HfTokenizer(tokenizerJson, HuggingFaceTokenizer.newInstance(tokenizerJson, options), vocab);
        } catch (RuntimeException e) {
            throw new IOException(tokenizerJson + " could not be loaded by the tokenizers library: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public long[] encode(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("the prompt is empty: there is nothing to encode");
        Encoding encoding = hf.encode(text, false, false);
        long[] ids = encoding.getIds();
        if (ids.length == 0) throw new IllegalArgumentException("the prompt \"" + text + "\" encodes to no tokens at all");
        if (vocab.unkId().isPresent()) {
            long unk = vocab.unkId().getAsLong();
            for (long id : ids) {
                if (id == unk) throw new IllegalArgumentException(describeUnknown(text, encoding, unk));
            }
        }
        return ids;
    }

    /** Names the characters that became the unknown token, from the encoding's character spans. */
    private String describeUnknown(String text, Encoding encoding, long unk) {
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        Set<String> pieces = new LinkedHashSet<>();
        int codePoints = text.codePointCount(0, text.length());
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != unk || spans == null || i >= spans.length || spans[i] == null) continue;
            // spans count Unicode code points (Rust chars), not Java's UTF-16 units
            int start = spans[i].getStart();
            int end = spans[i].getEnd();
            if (start >= 0 && start < end && end <= codePoints) {
                pieces.add(text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end)));
            }
        }
        if (pieces.isEmpty()) pieces.addAll(unknownCharacters(text, unk));   // no usable spans: test each character alone
        boolean allSingle = pieces.stream().allMatch(p -> p.codePointCount(0, p.length()) == 1);
        return (allSingle ? "characters" : "text") + " not in the model's vocabulary: "
                + pieces.stream().map(HfTokenizer::quote).collect(Collectors.joining(", "));
    }

    private List<String> unknownCharacters(String text, long unk) {
        List<String> out = new ArrayList<>();
        text.codePoints().distinct().forEach(cp -> {
            String s = Character.toString(cp);
            for (long id : hf.encode(s, false, false).getIds()) {
                if (id == unk) {
                    out.add(s);
                    break;
                }
            }
        });
        return out;
    }

    /** 'é' (U+00E9); several code points list each. */
    private static String quote(String piece) {
        return "'" + piece + "' (" + piece.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).collect(Collectors.joining(" ")) + ")";
    }

    @Override
    public String tokenString(long id) {
        String raw = vocab.tokens().get(id);
        if (raw == null) return "<unused id " + id + ">";
        String decoded;
        try {
            decoded = hf.decode(new long[] {id}, false);
        } catch (RuntimeException e) {
            decoded = "";
        }
        // a byte-level token can be half a UTF-8 character: its own decoding is U+FFFD, its stored form is more telling
        String shown = decoded.isEmpty() || decoded.indexOf('\uFFFD') >= 0 ? raw : decoded;
        return escapeControls(shown);
    }

    private static String escapeControls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isISOControl(cp)) sb.append(String.format("\\u%04X", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        });
        return sb.toString();
    }

    @Override
    public String decode(long[] ids) {
        if (ids.length == 0) return "";
        if (vocab.hasDecoder()) return hf.decode(ids, true);
        StringBuilder text = new StringBuilder();
        for (long id : ids) {
            String token = vocab.tokens().get(id);
            if (token != null && !vocab.special().containsKey(token)) text.append(token);
        }
        return text.toString();
    }

    @Override
    public Set<Long> endTokenIds() {
        Set<Long> out = new java.util.TreeSet<>();
        vocab.special().forEach((content, id) -> {
            if (END_MARKERS.contains(content)) out.add(id);
        });
        return out;
    }

    @Override
    public java.util.OptionalLong specialId(String content) {
        Long id = vocab.special().get(content);
        return id == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public void close() {
        hf.close();
    }

    @Override
    public String toString() {
        return "HfTokenizer[" + file + ", " + vocab.size() + " tokens]";
    }
}
