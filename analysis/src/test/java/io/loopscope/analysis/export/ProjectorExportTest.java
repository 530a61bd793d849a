package io.loopscope.analysis.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import io.loopscope.analysis.motif.MotifClassifier;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.analysis.motif.MotifThresholds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectorExportTest {

    static List<MotifResult> motifs(TraceData d) {
        return new MotifClassifier(MotifThresholds.defaults()).classify(d, StateSpace.RAW);
    }

    @Test
    void oneLinePerStateAndOnePolylinePerToken(@TempDir Path dir) throws IOException {
        TraceData d = ExportFixtures.trace(false);
        ProjectorExport.Result r = ProjectorExport.write(dir.resolve("proj"), d, StateSpace.RAW, motifs(d));
        int n = d.steps() * d.tokens();
        assertEquals(n, r.points());
        assertEquals(0, r.skipped());
        List<String> vectors = Files.readAllLines(r.vectors()), metadata = Files.readAllLines(r.metadata());
        assertEquals(n, vectors.size(), "(R+1)·S vectors");
        assertEquals(n + 1, metadata.size(), "(R+1)·S rows + header");
        assertEquals("token\ttoken_index\tstep\tmotif\t__seq_next__", metadata.getFirst());

        int line = 0;
        for (int t = 0; t < d.tokens(); t++) {
            for (int s = 0; s <= d.iterations(); s++, line++) {
                String[] v = vectors.get(line).split("\t", -1);
                assertEquals(d.hidden(), v.length);
                double[] x = d.state(s, t, StateSpace.RAW);
                for (int j = 0; j < v.length; j++) assertEquals((float) x[j], Float.parseFloat(v[j]), "float32 exact");
                String[] m = metadata.get(line + 1).split("\t", -1);
                assertEquals(5, m.length, "tabs and line breaks inside tokens are escaped: " + metadata.get(line + 1));
                assertEquals(String.valueOf(t), m[1]);
                assertEquals(String.valueOf(s), m[2]);
                assertEquals(motifs(d).get(t).motif().id(), m[3]);
                assertEquals(s < d.iterations() ? String.valueOf(line + 1) : "", m[4], "next point of the same token, none at s_R");
            }
        }
        assertEquals("tab\\there\\nnew", metadata.get(1 + 2 * d.steps()).split("\t")[0]);
        assertEquals(" the", metadata.get(1).split("\t")[0]);
    }

    @Test
    void nonFiniteStatesAreLeftOutAndBreakTheLine(@TempDir Path dir) throws IOException {
        TraceData d = ExportFixtures.trace(true); // token 2 NaN at steps 20..24
        ProjectorExport.Result r = ProjectorExport.write(dir, d, StateSpace.RAW, motifs(d));
        assertEquals(5, r.skipped());
        List<String> metadata = Files.readAllLines(r.metadata());
        assertEquals(d.steps() * d.tokens() - 5, Files.readAllLines(r.vectors()).size());
        String[] last = metadata.getLast().split("\t", -1);
        assertEquals("19", last[2], "token 2's last finite step");
        assertEquals("", last[4], "the polyline ends where the states turn NaN");
    }

    @Test
    void outputFolderUnderAFileIsAClearError(@TempDir Path dir) throws IOException {
        TraceData d = ExportFixtures.trace(false);
        Path file = Files.writeString(dir.resolve("f"), "");
        IOException e = assertThrows(IOException.class, () -> ProjectorExport.write(file.resolve("out"), d, StateSpace.RAW, motifs(d)));
        assertTrue(e.getMessage().contains(file + " is a file, not a folder"), e.getMessage());
        assertFalse(Files.exists(file.resolve("out")));
    }
}
