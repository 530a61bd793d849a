package io.loopscope.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loopscope.analysis.convergence.ExitDistribution;
import io.loopscope.analysis.motif.Motif;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The census's aggregation from hand-built rows: motif counts, contraction quartiles, exit steps. */
class CensusTest {

    private static CensusRow fixed(int position, Integer exit, double ratio) {
        return new CensusRow(0, "sum", position, Motif.FIXED_POINT, exit, ratio);
    }

    private static CensusRow row(int position, Motif motif, Integer exit) {
        return new CensusRow(0, "sum", position, motif, exit, null);
    }

    /** Three fixed points (0.9, 0.2, 0.5), an orbit and an "other"; exits at 3, 5, never, 7, 3. */
    private static final List<CensusRow> ROWS = List.of(fixed(0, 3, 0.9), fixed(1, 5, 0.2), fixed(2, null, 0.5), row(3, Motif.ORBIT, 7),
            row(4, Motif.OTHER, 3));

    @Test
    void countsEveryMotifIncludingTheAbsentOnes() {
        Census c = Census.of(ROWS);
        assertEquals(Map.of(Motif.FIXED_POINT, 3, Motif.ORBIT, 1, Motif.SLIDER, 0, Motif.DIVERGING, 0, Motif.OTHER, 1), c.counts());
        assertEquals(5, c.positions());
        assertEquals(5, c.counts().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void contractionQuartilesInterpolateBetweenTheSortedRatios() {
        Quartiles q = Census.of(ROWS).contraction();
        // sorted 0.2, 0.5, 0.9: q1 at index 0.5, median at 1, q3 at 1.5
        assertEquals(3, q.n());
        assertEquals(0.35, q.q1(), 1e-12);
        assertEquals(0.5, q.median(), 1e-12);
        assertEquals(0.7, q.q3(), 1e-12);
    }

    @Test
    void exitStepsCountTheNeverExitsApart() {
        Census c = Census.of(ROWS);
        ExitDistribution e = c.exits();
        assertEquals(1, e.never());
        assertEquals(Map.of(3, 2, 5, 1, 7, 1), e.counts());
        assertEquals(4.5, e.mean(), 1e-12);      // (3 + 3 + 5 + 7) / 4: only those that exit
        assertEquals(4.0, e.median(), 1e-12);    // between 3 and 5
        assertEquals(0.2, c.neverShare(), 1e-12);
        assertEquals(Map.of(3, 0.4, 5, 0.2, 7, 0.2), c.exitShares()); // shares of all five positions
    }

    @Test
    void aCensusWithoutFixedPointsHasNoContractionAndOneThatNeverExitsNoMean() {
        Census c = Census.of(List.of(row(0, Motif.ORBIT, null), row(1, Motif.DIVERGING, null)));
        assertNull(c.contraction());
        assertNull(c.exits().mean());
        assertEquals(1.0, c.neverShare());
    }

    @Test
    void quartilesMatchNumpysDefault() {
        Quartiles q = Quartiles.of(new double[] {4, 1, 3, 2}); // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = 1.75, 2.5, 3.25
        assertEquals(1.75, q.q1(), 1e-12);
        assertEquals(2.5, q.median(), 1e-12);
        assertEquals(3.25, q.q3(), 1e-12);
        Quartiles one = Quartiles.of(new double[] {0.8});
        assertEquals(0.8, one.q1());
        assertEquals(0.8, one.q3());
        assertNull(Quartiles.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[] {1, Double.NaN}));
    }

    @Test
    void rowsAndCensusesThatContradictThemselvesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CensusRow(0, "sum", 0, Motif.FIXED_POINT, 3, null), "a fixed point without its ratio");
        assertThrows(IllegalArgumentException.class, () -> new CensusRow(0, "sum", 0, Motif.ORBIT, 3, 0.5), "an orbit with a ratio");
        assertThrows(IllegalArgumentException.class, () -> new CensusRow(0, "sum", 0, Motif.ORBIT, 0, null), "exit step 0");
        ExitDistribution two = ExitDistribution.of(java.util.Arrays.asList(3, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Census(Map.of(Motif.ORBIT, 3), null, two));
        assertTrue(e.getMessage().contains("must cover the same positions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Census(Map.of(Motif.FIXED_POINT, 2), null, two), "fixed points without ratios");
    }

    @Test
    void theJsonCarriesEveryNumber() throws Exception {
        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(ComparisonJson.census(Census.of(ROWS))));
        assertEquals(5, j.path("positions").asInt());
        assertEquals(3, j.path("motifs").path("fixed-point").asInt());
        assertEquals(0, j.path("motifs").path("slider").asInt());
        assertEquals(0.5, j.path("contraction_ratio").path("median").asDouble(), 1e-12);
        assertEquals(1, j.path("exit").path("never").asInt());
        assertEquals(0.2, j.path("exit").path("never_share").asDouble(), 1e-12);
        assertEquals(2, j.path("exit").path("histogram").path("3").asInt());
    }
}
