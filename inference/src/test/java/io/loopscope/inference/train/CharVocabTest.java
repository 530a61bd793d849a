package io.loopscope.inference.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharVocabTest {

    @Test
    void hfTokenizersReadsTheGeneratedTokenizerJsonWithTheSameIds(@TempDir Path dir) throws Exception {
        CharVocab vocab = CharVocab.standard();
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, vocab.tokenizerJson());
        try (HfTokenizer tokenizer = HfTokenizer.load(file)) {
            for (String text : new String[] {"4+7+1+9=", "a>c c>f f>b a>>>", "how many x in xaxbxx?", "copy qwer="}) {
                long[] expected = Arrays.stream(vocab.encode(text)).asLongStream().toArray();
                assertArrayEquals(expected, tokenizer.encode(text), text);
            }
            assertEquals(vocab.size(), tokenizer.vocabSize());
            assertEquals(java.util.Set.of((long) vocab.endId()), tokenizer.endTokenIds(), "generation stops at the end marker");
            assertEquals("132", tokenizer.decode(new long[] {vocab.id('1'), vocab.id('3'), vocab.id('2'), vocab.endId()}));
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("4+7=Ä!"));
            assertTrue(ex.getMessage().contains("Ä") && ex.getMessage().contains("!"), ex.getMessage());
        }
    }

    @Test
    void charactersOutsideTheVocabularyAreListed() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CharVocab.standard().encode("A+b=!"));
        assertTrue(ex.getMessage().contains("'!'") && ex.getMessage().contains("'A'"), ex.getMessage());
    }

    @Test
    void idsStartAfterPadAndUnk() {
        CharVocab vocab = CharVocab.standard();
        assertEquals(2, vocab.id(' '));
        assertEquals("[UNK]", vocab.token(CharVocab.UNK_ID));
        assertEquals("a", vocab.token(vocab.id('a')));
        assertEquals(vocab.size() - 1, vocab.endId());
        assertEquals(CharVocab.END, vocab.token(vocab.endId()));
    }
}
