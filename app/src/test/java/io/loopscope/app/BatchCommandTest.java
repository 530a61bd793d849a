package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.loopscope.inference.EmbeddedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loopscope batch: one summary table over a task, resumed after an interrupt, refused on another batch. */
class BatchCommandTest {

    @Test
    void aTaskBatchWritesOneRowPerPositionAndResumes(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("b");
        String[] args = {"batch", "--task", "copy", "--difficulty", "2..3", "--samples", "3", "-r", "4", "--quiet", "--out", out.toString()};
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("6 prompts (6 run now, 0 resumed)"), r.out());
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(lines.getFirst().startsWith("prompt,category,position,token,generated,motif,exit_kl,"), lines.getFirst());
        assertTrue(lines.getFirst().endsWith(",steps_run,lens_top1,correct"), lines.getFirst());
        // "copy ab=" has 8 characters, "copy abc=" 9: three of each
        assertEquals(1 + 3 * 8 + 3 * 9, lines.size());
        List<String> answers = lines.stream().filter(l -> l.endsWith(",true") || l.endsWith(",false")).toList();
        assertEquals(6, answers.size(), "one labelled position per prompt: its last");
        assertTrue(answers.stream().allMatch(l -> l.contains(",copy ") && l.contains(",4,")), answers.toString());

        Files.delete(out.resolve("rows").resolve("00004.csv"));
        Files.delete(out.resolve("summary.csv"));
        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("(1 run now, 5 resumed)"), again.out());
        assertEquals(lines, Files.readAllLines(out.resolve("summary.csv")), "a resumed batch writes the same table");

        CliRun report = CliRun.of("analyze", "--batch", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("| category | positions | mean exit step | never | KS D vs the rest | p |"), report.out());
        assertTrue(report.out().contains("KS: two-sample Kolmogorov–Smirnov test (Smile)"), report.out());
        assertTrue(report.out().contains("| copy 2 | 24 |") && report.out().contains("| copy 3 | 27 |"), report.out());
        assertTrue(Files.size(out.resolve("exit-steps.png")) > 1000);
        CliRun column = CliRun.of("analyze", "--batch", out.toString(), "--batch-exit", "vibes");
        assertTrue(column.err().contains("vibes"), column.err());
        CliRun missing = CliRun.of("analyze", "--batch", dir.toString());
        assertTrue(missing.err().contains("no summary.csv in " + dir), missing.err());

        CliRun other = CliRun.of("batch", "--task", "copy", "--difficulty", "2..3", "--samples", "3", "-r", "8", "--quiet", "--out", out.toString());
        assertEquals(1, other.exitCode());
        assertTrue(other.err().contains("holds a batch with other settings or prompts"), other.err());
        Files.writeString(out.resolve("batch.json"), "{\"format\": \"loopscope-batch\", \"version\": 9}");
        CliRun newer = CliRun.of(args);
        assertTrue(newer.err().contains("holds a batch of format version 9, this LoopScope writes 1"), newer.err());
    }

    @Test
    void theWholeSuiteRunsWithOneCategoryPerTaskAndRange(@TempDir Path dir) throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        Path out = dir.resolve("suite");
        CliRun r = CliRun.of("batch", "--task", "all", "--samples", "1", "-r", "2", "--quiet", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        // one prompt per difficulty: sum 2..10, add 2..5, hops 1..6, count 1..16, copy 1..12
        assertTrue(r.out().contains("47 prompts (47 run now, 0 resumed)"), r.out());
        CliRun report = CliRun.of("analyze", "--batch", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        for (String category : List.of("sum", "sum harder", "add", "add harder", "hops", "hops harder", "count", "count harder", "copy", "copy harder")) {
            assertTrue(report.out().contains("| " + category + " |"), category + " in\n" + report.out());
        }
        assertTrue(!report.out().contains("| sum 4 |"), "no per-difficulty rows when grouped by range");
        CliRun both = CliRun.of("batch", "--task", "all", "--difficulty", "2..3", "--out", dir.resolve("b").toString());
        assertTrue(both.err().contains("--difficulty needs one task; --task all runs each task's own ranges"), both.err());
        Path file = Files.writeString(dir.resolve("p.jsonl"), "{\"prompt\": \"copy ab=\"}\n");
        CliRun grouped = CliRun.of("batch", "--prompts", file.toString(), "--group", "range", "--out", dir.resolve("b").toString());
        assertTrue(grouped.err().contains("--group groups task prompts; a prompt file names its own categories"), grouped.err());
        assertTrue(!Files.exists(dir.resolve("b")), "nothing written");
    }

    @Test
    void badPromptFilesAreNamedByLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.jsonl"), "{\"prompt\": \"copy ab=\", \"category\": \"c\"}\n{\"category\": \"c\"}\n");
        CliRun r = CliRun.of("batch", "--prompts", file.toString(), "--out", dir.resolve("b").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains(file + " line 2 has no \"prompt\""), r.err());
        CliRun threads = CliRun.of("batch", "--task", "copy", "--threads", "0", "--out", dir.resolve("b").toString());
        assertTrue(threads.err().contains("--threads must be 1..256, got 0"), threads.err());
        CliRun generate = CliRun.of("batch", "--task", "copy", "--generate", "-1", "--out", dir.resolve("b").toString());
        assertTrue(generate.err().contains("--generate must be 0..4096, got -1"), generate.err());
        assertTrue(!Files.exists(dir.resolve("b")), "nothing written");
    }
}
