package io.loopscope.analysis.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.projection.Pca;
import io.loopscope.analysis.projection.PcaOptions;
import io.loopscope.analysis.projection.PcaResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionTableTest {

    @Test
    void everyStateReadsBackWithItsProjection(@TempDir Path dir) throws IOException {
        TraceData data = ExportFixtures.trace(true);
        PcaResult pca = Pca.fit(data, PcaOptions.all(StateSpace.RAW).withComponents(3));
        Path csv = dir.resolve("proj.csv");
        ProjectionTable.writeCsv(csv, List.of(new ProjectionTable.Entry(data.source(), data.tokenStrings(), pca)));
        List<List<String>> rows = CsvReader.parse(Files.readString(csv));
        assertEquals(List.of("trace", "token_index", "token", "step", "pc1", "pc2", "pc3"), rows.getFirst());
        assertEquals(1 + data.tokens() * data.steps(), rows.size(), "one row per state, NaN ones included");
        int r = 1;
        for (int t = 0; t < data.tokens(); t++) {
            for (int s = 0; s < data.steps(); s++, r++) {
                List<String> row = rows.get(r);
                assertEquals(data.token(t), row.get(2));
                assertEquals(String.valueOf(s), row.get(3));
                double[] p = pca.projection(t, s);
                for (int c = 0; c < 3; c++) {
                    if (Double.isNaN(p[c])) assertEquals("", row.get(4 + c), "non-finite state → empty cell");
                    else assertEquals(p[c], Double.parseDouble(row.get(4 + c)), "exact round trip");
                }
            }
        }
        assertTrue(rows.get(1 + 2 * data.steps() + 22).get(4).isEmpty(), "token 2 is NaN from step 20");
        assertFalse(rows.get(1 + 2 * data.steps() + 19).get(4).isEmpty());
    }

    @Test
    void unwritableTargetIsAClearError(@TempDir Path dir) throws IOException {
        TraceData data = ExportFixtures.trace(false);
        PcaResult pca = Pca.fit(data, PcaOptions.all(StateSpace.RAW).withComponents(2));
        Path target = Files.writeString(dir.resolve("f"), "").resolve("p.csv");
        IOException e = assertThrows(IOException.class,
                () -> ProjectionTable.writeCsv(target, List.of(new ProjectionTable.Entry("x", data.tokenStrings(), pca))));
        assertEquals("cannot write " + target + ": " + target.getParent() + " is a file, not a folder", e.getMessage());
    }
}
