package io.loopscope.analysis.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.motif.MotifEvidence;
import io.loopscope.analysis.report.AnalysisOptions;
import io.loopscope.analysis.report.TraceAnalysis;
import io.loopscope.analysis.report.TraceReport;
import io.loopscope.inference.exit.ExitCriterion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenTableTest {

    static TraceReport report() {
        return TraceAnalysis.analyze(ExportFixtures.trace(false), AnalysisOptions.defaults());
    }

    @Test
    void csvReadsBackCellForCell(@TempDir Path dir) throws IOException {
        TraceReport r = report();
        Path csv = dir.resolve("tokens.csv");
        TokenTable.writeCsv(csv, List.of(r));
        List<List<String>> rows = CsvReader.parse(Files.readString(csv));
        assertEquals(TokenTable.columns(), rows.getFirst(), "header");
        assertEquals(1 + 3, rows.size(), "header + one row per token");
        List<String> cols = rows.getFirst();
        for (int t = 0; t < 3; t++) {
            List<String> row = rows.get(t + 1);
            assertEquals(cols.size(), row.size());
            assertEquals("t.npz", row.get(cols.indexOf("trace")));
            assertEquals(String.valueOf(t), row.get(cols.indexOf("token_index")));
            assertEquals(ExportFixtures.TOKENS.get(t), row.get(cols.indexOf("token")), "commas, quotes, tabs, line breaks and spaces survive");
            assertEquals(r.motifs().get(t).motif().id(), row.get(cols.indexOf("motif")));
            for (CriterionSteps s : r.exitSteps().values()) {
                String cell = row.get(cols.indexOf(TokenTable.exitColumn(s.criterion())));
                String expected = !s.available() ? "NA" : s.steps().get(t) == null ? "" : s.steps().get(t).toString();
                assertEquals(expected, cell, s.criterion().id());
            }
            assertEquals(r.convergence().get(t).finalDistance(), Double.parseDouble(row.get(cols.indexOf("final_distance"))));
        }
        List<String> fixed = rows.get(1);
        assertEquals("fixed-point", fixed.get(cols.indexOf("motif")));
        double ratio = ((MotifEvidence.FixedPoint) r.motifs().getFirst().evidence()).contractionRatio();
        assertEquals(ratio, Double.parseDouble(fixed.get(cols.indexOf("contraction_ratio"))), "exact round trip");
        assertEquals("", fixed.get(cols.indexOf("speed")), "slider fields are empty for a fixed point");
        assertEquals("slider", rows.get(2).get(cols.indexOf("motif")));
        assertFalse(rows.get(2).get(cols.indexOf("speed")).isEmpty());
        assertEquals("NA", fixed.get(cols.indexOf("exit_kl")), "no lens in this trace");
        assertEquals(String.valueOf(ExportFixtures.R), fixed.get(cols.indexOf("exit_none")));
    }

    @Test
    void jsonReadsBack(@TempDir Path dir) throws IOException {
        TraceReport r = report();
        Path json = dir.resolve("tokens.json");
        TokenTable.writeJson(json, List.of(r, r));
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals(6, doc.size(), "two traces × three tokens");
        JsonNode t1 = doc.get(1);
        assertEquals(1, t1.get("token_index").asInt());
        assertEquals("a,\"b\"", t1.get("token").asText());
        assertEquals("slider", t1.get("motif").asText());
        assertEquals(((MotifEvidence.Slider) r.motifs().get(1).evidence()).speed(), t1.get("evidence").get("speed").asDouble());
        assertEquals(ExportFixtures.R, t1.get("exit_steps").get("none").asInt());
        assertFalse(t1.get("exit_steps").has("kl"));
        assertEquals("needs lens_kl", t1.get("unavailable_criteria").get("kl").asText());
        assertEquals(0.0, t1.get("final_distance").asDouble(), "s* is the trace's own end without a reference");
    }

    @Test
    void everyEvidenceFieldHasAColumn() {
        double[][] plane = {{1, 0}, {0, 1}};
        List<MotifEvidence> all = List.of(new MotifEvidence.FixedPoint(0.5, 3, 1e-3),
                new MotifEvidence.Orbit(4, new double[] {90}, 1, 0.1, plane),
                new MotifEvidence.Slider(1, 0.1, 0.9, 0.9, new double[] {1, 0}),
                new MotifEvidence.Diverging(1.1, 1.05, null),
                new MotifEvidence.Other("why"));
        Set<String> keys = new HashSet<>();
        for (MotifEvidence e : all) keys.addAll(e.summary().keySet());
        assertEquals(keys, new HashSet<>(TokenTable.EVIDENCE_COLUMNS));
        for (ExitCriterion c : ExitCriterion.values()) assertTrue(TokenTable.columns().contains(TokenTable.exitColumn(c)));
    }

    @Test
    void aFailedWriteLeavesNoFile(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = notAFolder.resolve("tokens.csv");
        IOException e = assertThrows(IOException.class, () -> TokenTable.writeCsv(target, List.of(report())));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
        assertFalse(Files.exists(target));

        // a write that fails halfway keeps the previous file and leaves no temporary behind
        Path existing = Files.writeString(dir.resolve("keep.csv"), "old\n");
        assertThrows(IOException.class, () -> ExportFile.write(existing, out -> {
            out.write("half a table");
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(existing));
        try (var files = Files.list(dir)) {
            assertEquals(Set.of("plain.txt", "keep.csv"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
