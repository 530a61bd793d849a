package io.loopscope.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
    /** Character-level: every character is a token, unknown ones become [UNK] (id 0). */
    static final String CHARS = " abcdefghijklmnopqrstuvwxyz.,!\nH";

    static final long END_ID = CHARS.length() + 1;

    @TempDir
    Path dir;
    Tokenizer tokenizer;

    static void writeCharTokenizer(Path file) throws IOException {
        writeCharTokenizer(file, new String[0]);
    }

    /** The character tokenizer with more special tokens after {@code <|end_text|>} (ids END_ID + 1, …). */
    static void writeCharTokenizer(Path file, String... moreSpecials) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        com.fasterxml.jackson.databind.node.ArrayNode added = root.putArray("added_tokens");
        added.addObject().put("id", 0).put("content", "[UNK]").put("single_word", false).put("lstrip", false).put("rstrip", false)
                .put("normalized", false).put("special", true);
        added.addObject().put("id", END_ID).put("content", "<|end_text|>").put("single_word", false).put("lstrip", false)
                .put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.put("unk_token", "[UNK]").putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        vocab.put("[UNK]", 0);
        for (int i = 0; i < CHARS.length(); i++) vocab.put(String.valueOf(CHARS.charAt(i)), i + 1);
        vocab.put("<|end_text|>", END_ID);
        for (int i = 0; i < moreSpecials.length; i++) {
            added.addObject().put("id", END_ID + 1 + i).put("content", moreSpecials[i]).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
            vocab.put(moreSpecials[i], END_ID + 1 + i);
        }
        model.putArray("merges");
        Files.writeString(file, json.writeValueAsString(root));
    }

    @BeforeEach
    void load() throws IOException {
        writeCharTokenizer(dir.resolve("tokenizer.json"));
        tokenizer = Tokenizers.forModel(dir).orElseThrow();
    }

    @Test
    void decodesIdsToTheTextTheyCameFromWithoutSpecialTokens() {
        long[] ids = tokenizer.encode("ab c.");
        long[] withEnd = java.util.Arrays.copyOf(ids, ids.length + 1);
        withEnd[ids.length] = END_ID;
        assertEquals("ab c.", tokenizer.decode(withEnd));
        assertEquals("", tokenizer.decode(new long[0]));
    }

    @Test
    void reportsItsEndOfTextTokenAndSpecialIds() {
        assertEquals(java.util.Set.of(END_ID), tokenizer.endTokenIds());
        assertEquals(java.util.OptionalLong.of(END_ID), tokenizer.specialId("<|end_text|>"));
        assertTrue(tokenizer.specialId("<|begin_header|>").isEmpty());
    }

    @AfterEach
    void close() {
        tokenizer.close();
    }

    @Test
    void encodesCharactersWithoutSpecialTokens() {
        long[] ids = tokenizer.encode("hi, bob!");
        long[] expected = "hi, bob!".chars().mapToLong(c -> CHARS.indexOf(c) + 1).toArray();
        assertArrayEquals(expected, ids);
    }

    @Test
    void vocabSizeCountsEveryToken() {
        assertEquals(CHARS.length() + 2, tokenizer.vocabSize()); // [UNK], the characters, <|end_text|>
    }

    @Test
    void tokenStringShowsOneTokenAndEscapesControls() {
        assertEquals("h", tokenizer.tokenString(CHARS.indexOf('h') + 1));
        assertEquals("\\n", tokenizer.tokenString(CHARS.indexOf('\n') + 1));
        assertEquals("[UNK]", tokenizer.tokenString(0));
        assertEquals("<unused id 999>", tokenizer.tokenString(999));
    }

    @Test
    void unknownCharactersAreNamedWithCodePoints() {
        var e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("café costs 5€, café"));
        assertEquals("characters not in the model's vocabulary: 'é' (U+00E9), '5' (U+0035), '€' (U+20AC)", e.getMessage());
    }

    @Test
    void unknownCharacterAfterAnAstralCharacterIsStillFoundExactly() {
        // 😀 is two Java chars but one Rust char: spans must not drift by one
        var e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("a😀bé"));
        assertTrue(e.getMessage().contains("'😀' (U+1F600)"), e.getMessage());
        assertTrue(e.getMessage().contains("'é' (U+00E9)"), e.getMessage());
    }

    @Test
    void emptyPromptIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode(""));
        assertTrue(e.getMessage().contains("prompt is empty"), e.getMessage());
    }

    @Test
    void longPromptIsNotTruncated() {
        String text = "abc ".repeat(1000);
        assertEquals(text.length(), tokenizer.encode(text).length);
    }

    @Test
    void modelWithoutTokenizerJsonHasNone() throws IOException {
        assertEquals(Optional.empty(), Tokenizers.forModel(dir.resolve("elsewhere")));
    }

    @Test
    void brokenTokenizerJsonIsAnError() throws IOException {
        Path other = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(other.resolve("tokenizer.json"), "{ not json");
        var e = assertThrows(IOException.class, () -> Tokenizers.forModel(other));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
}
