package io.loopscope.analysis.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.csv grouped by category: histograms, motif census, answers — and the quoting the writer uses. */
class BatchSummaryTest {

    @Test
    void countsPerCategory(@TempDir Path dir) throws IOException {
        String header = String.join(",", BatchRow.header(BatchRunner.CRITERIA));
        List<BatchRow> rows = List.of(
                new BatchRow(0, "sum 2", 0, "4", false, "fixed-point", Map.of("kl", 3), 8, "4", null),
                new BatchRow(0, "sum 2", 1, "\n", false, "orbit", Map.of(), 8, "1", true),
                new BatchRow(1, "sum 3", 0, "\"", false, "fixed-point", Map.of("kl", 5), 8, "x", false));
        Files.writeString(dir.resolve("summary.csv"), header + "\n" + BatchRunner.csv(rows, false));
        BatchSummary s = BatchSummary.read(dir, "kl");
        BatchSummary.Category two = s.categories().get("sum 2");
        assertEquals(Map.of(3, 1), two.exitSteps());
        assertEquals(1, two.never());
        assertEquals(Map.of("fixed-point", 1, "orbit", 1), two.motifs());
        assertEquals(1, two.correct());
        assertEquals(1, two.labelled());
        assertEquals(5.0, s.categories().get("sum 3").meanExitStep());
        // sum 2 exits at 3 or never, sum 3 at 5: the CDFs are 0.5 apart from step 3 on, on either side
        assertEquals(List.of("sum 2", "sum 3"), List.copyOf(s.againstTheRest().keySet()));
        assertEquals(0.5, s.againstTheRest().get("sum 2").statistic(), 1e-12);
        assertEquals(0.5, s.againstTheRest().get("sum 3").statistic(), 1e-12);
        assertEquals(List.of(List.of("a", "b,c", "d\"e", ""), List.of("\n", "x")),
                io.loopscope.analysis.export.Csv.parse("a,\"b,c\",\"d\"\"e\",\n\"\n\",x\n"), "quotes, commas and line breaks in fields");
        Files.writeString(dir.resolve("one.csv"), header + "\n" + BatchRunner.csv(rows.subList(0, 2), false));
        assertTrue(BatchSummary.read(dir.resolve("one.csv"), "kl").againstTheRest().isEmpty(), "one category: nothing to test against");
        IOException e = assertThrows(IOException.class, () -> BatchSummary.read(dir, "vibes"));
        assertTrue(e.getMessage().contains("has no column exit_vibes"), e.getMessage());
    }
}
