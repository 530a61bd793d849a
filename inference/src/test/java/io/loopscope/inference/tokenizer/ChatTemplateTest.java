package io.loopscope.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplateTest {

    @Test
    void huginnsFormatWrapsTheMessageAndAsksHuginnToAnswer(@TempDir Path dir) throws Exception {
        HfTokenizerTest.writeCharTokenizer(dir.resolve("tokenizer.json"), "<|begin_text|>", "<|begin_header|>", "<|end_header|>", "<|end_turn|>");
        try (Tokenizer t = Tokenizers.forModel(dir).orElseThrow()) {
            ChatTemplate template = ChatTemplate.of(t).orElseThrow();
            assertEquals("huginn", template.name());
            long begin = t.specialId("<|begin_text|>").getAsLong(), header = t.specialId("<|begin_header|>").getAsLong();
            long headerEnd = t.specialId("<|end_header|>").getAsLong(), turnEnd = t.specialId("<|end_turn|>").getAsLong();
            long[] ids = t.encode(template.render("  hi.  "));
            java.util.List<Long> expected = new java.util.ArrayList<>(java.util.List.of(begin, header));
            for (long id : t.encode("user")) expected.add(id);
            expected.add(headerEnd);
            for (long id : t.encode("\n\nhi.")) expected.add(id);
            expected.addAll(java.util.List.of(turnEnd, header));
            for (long id : t.encode("Huginn")) expected.add(id);
            expected.add(headerEnd);
            for (long id : t.encode("\n\n")) expected.add(id);
            assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), ids);
            assertTrue(t.endTokenIds().contains(turnEnd) && t.endTokenIds().contains(t.specialId("<|end_text|>").getAsLong()));
        }
    }

    @Test
    void aTokenizerWithoutTheMarkersHasNoTemplate(@TempDir Path dir) throws Exception {
        HfTokenizerTest.writeCharTokenizer(dir.resolve("tokenizer.json"));
        try (Tokenizer t = Tokenizers.forModel(dir).orElseThrow()) {
            assertTrue(ChatTemplate.of(t).isEmpty());
        }
    }
}
