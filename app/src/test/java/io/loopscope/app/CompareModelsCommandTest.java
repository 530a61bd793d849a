package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.analysis.compare.ModelComparison;
import io.loopscope.analysis.compare.ComparisonSettings;
import io.loopscope.inference.EmbeddedModel;
import io.loopscope.inference.checkpoint.HuginnConfig;
import io.loopscope.inference.checkpoint.RandomCheckpoint;
import io.loopscope.inference.checkpoint.SafetensorsDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare-models on the embedded model beside a small random one, and every bad input. */
class CompareModelsCommandTest {
    /** A random Huginn model with the embedded model's vocabulary and tokenizer; r̄ = 2, so its sweep ends at 16. */
    static final HuginnConfig TINY = new HuginnConfig(32, 2, 2, 64, 50, 1, 1, 1, 1e-6, 50000, 64, true, true, 2);

    @TempDir
    static Path shared;
    static Path random;

    @BeforeAll
    static void writeARandomModel() throws Exception {
        assumeTrue(EmbeddedModel.available(), "this build carries no embedded model");
        random = shared.resolve("random-tiny");
        RandomCheckpoint.write(random, TINY, SafetensorsDType.F32, 1L << 30, 7, RandomCheckpoint.Progress.NONE);
        Files.copy(EmbeddedModel.directory().resolve("tokenizer.json"), random.resolve("tokenizer.json"));
    }

    @Test
    void comparesTheEmbeddedModelWithARandomOne(@TempDir Path dir) throws Exception {
        Path figures = dir.resolve("figs");
        CliRun r = CliRun.of("compare-models", "--models", "embedded," + random, "--samples", "5", "--census-samples", "1", "--json",
                "--figures", figures.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        JsonNode models = root.path("models");
        assertEquals(2, models.size());
        int prompts = ModelComparison.censusPrompts(new ComparisonSettings(5, 1)).size();
        int positions = -1;
        for (JsonNode m : models) {
            String name = m.path("name").asText();
            assertEquals("huginn", m.path("family").asText(), name);
            assertEquals(prompts, m.path("census_prompts").asInt(), name);
            JsonNode census = m.path("census");
            int sum = 0;
            for (Iterator<JsonNode> it = census.path("motifs").elements(); it.hasNext(); ) sum += it.next().asInt();
            assertEquals(census.path("positions").asInt(), sum, name + ": the motif counts add up to the census's positions");
            if (positions >= 0) assertEquals(positions, sum, "both models read the same prompts with the same tokenizer");
            positions = sum;
            int exited = 0;
            for (Iterator<JsonNode> it = census.path("exit").path("histogram").elements(); it.hasNext(); ) exited += it.next().asInt();
            assertEquals(sum, exited + census.path("exit").path("never").asInt(), name + ": every position exits at a step or never");
            int categories = 0;
            for (JsonNode c : m.path("census_by_category")) categories += c.path("positions").asInt();
            assertEquals(sum, categories, name + ": the categories add up");
            for (String range : List.of("in_distribution", "harder")) {
                for (JsonNode task : m.path("accuracy").path("tasks")) {
                    task.path(range).elements().forEachRemaining(a -> assertTrue(a.asDouble() >= 0 && a.asDouble() <= 1, name + " " + a));
                }
            }
        }
        JsonNode embedded = models.get(0), tiny = models.get(1);
        assertEquals("embedded", embedded.path("name").asText());
        assertEquals(8, embedded.path("mean_recurrence").asInt());
        assertEquals(64, embedded.path("census_iterations").asInt());
        assertEquals("random-tiny", tiny.path("name").asText());
        assertEquals(16, tiny.path("census_iterations").asInt(), "8 × its r̄ of 2");
        // The embedded model solves most in-distribution tasks from r = 8 on; the random one guesses.
        assertTrue(embedded.path("accuracy").path("mean").path("in_distribution").path("8").asDouble() > 0.7, embedded.path("accuracy").toString());
        tiny.path("accuracy").path("mean").path("in_distribution").elements().forEachRemaining(a -> assertTrue(a.asDouble() < 0.2,
                "a random model is near chance: " + tiny.path("accuracy")));
        assertTrue(embedded.path("census").path("contraction_ratio").path("median").asDouble() < 1, "the embedded model's fixed points contract");
        for (String f : List.of("compare-accuracy.png", "compare-census.png", "compare-exit-steps.png")) {
            assertTrue(Files.size(figures.resolve(f)) > 10_000, f);
        }
        assertTrue(r.err().contains("wrote 3 figure files to " + figures), "with --json the note goes to stderr, stdout stays JSON: " + r.err());
    }

    @Test
    void theTableHasOneRowPerModel(@TempDir Path dir) {
        CliRun r = CliRun.of("compare-models", "--models", random.toString(), "--samples", "2", "--census-samples", "1", "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| model | family | stabilisers | r̄ | in-dist r̄ | in-dist 8r̄ | harder r̄ | harder 8r̄ | positions |"
                + " fixed-point | orbit | slider | diverging | other | median contraction (q1–q3) | mean KL exit step | never exit |"), r.out());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("| random-tiny | huginn | – | 2 |")).toList();
        assertEquals(1, rows.size(), r.out());
        String[] cells = rows.getFirst().split("\\|");
        int positions = Integer.parseInt(cells[9].strip()), sum = 0;
        for (int i = 10; i < 15; i++) sum += Integer.parseInt(cells[i].strip());
        assertEquals(positions, sum, "the census columns add up to the positions: " + rows.getFirst());
    }

    @Test
    void badInputIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        assertError("no model folder nosuch, and no shipped model of that name (shipped: embedded", "--models", "nosuch");
        Path notAModel = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notAModel.resolve("readme.txt"), "not a model");
        assertError("config.json", "--models", notAModel.toString());
        Path noTokenizer = dir.resolve("no-tokenizer");
        RandomCheckpoint.write(noTokenizer, TINY, SafetensorsDType.F32, 1L << 30, 7, RandomCheckpoint.Progress.NONE);
        assertError("model no-tokenizer has no tokenizer.json; compare-models needs one", "--models", noTokenizer.toString());
        for (String bad : List.of("0", "-3", "10001")) {
            assertError("--samples must be 1..10000, got " + bad, "--samples", bad);
            assertError("--census-samples must be 1..10000, got " + bad, "--census-samples", bad);
        }
        assertError("--models names no model; give at least one (shipped: embedded", "--models", ",");
        assertError("--models names no model", "--models", "");
        assertError("--models names embedded twice", "--models", "embedded,embedded");
        Path aFile = Files.writeString(dir.resolve("a.txt"), "x");
        assertError("--figures " + aFile + " is a file; give a folder", "--figures", aFile.toString());
        assertError("cannot write figures into " + aFile.resolve("figs") + ": " + aFile + " is a file, not a folder", "--figures",
                aFile.resolve("figs").toString());
        assertError("unknown figure format 'gif'", "--format", "gif", "--figures", dir.resolve("f").toString());
        assertEquals(List.of(aFile, noTokenizer, notAModel).stream().sorted().toList(), Files.list(dir).sorted().toList(), "nothing was written");
    }

    private static void assertError(String expected, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "compare-models";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--quiet";
        CliRun r = CliRun.of(all);
        assertEquals(1, r.exitCode(), String.join(" ", all) + ": " + r.out());
        assertTrue(r.err().contains(expected), String.join(" ", all) + " should say \"" + expected + "\", said: " + r.err());
    }
}
