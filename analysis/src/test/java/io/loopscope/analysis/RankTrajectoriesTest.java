package io.loopscope.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.RankTrajectories.Lens;
import io.loopscope.inference.trace.IntTensor;
import io.loopscope.inference.trace.Trace;
import org.junit.jupiter.api.Test;

/** A trace's rank arrays read as one token's line per lens and layer. */
class RankTrajectoriesTest {
    private static final int STEPS = 4, TOKENS = 3, LAYERS = 2;
    private static final long[] IDS = {7, 2};

    /** Every rank a distinct number that says where it sits: lens·10000 + layer·1000 + step·100 + token·10 + id index. */
    private static IntTensor tensor(int lens, boolean layered) {
        int[] shape = layered ? new int[] {STEPS - 1, LAYERS, TOKENS, IDS.length} : new int[] {STEPS, TOKENS, IDS.length};
        int n = 1;
        for (int d : shape) n *= d;
        int[] data = new int[n];
        int at = 0;
        for (int s = 0; s < shape[0]; s++) {
            for (int l = 0; l < (layered ? LAYERS : 1); l++) {
                for (int t = 0; t < TOKENS; t++) {
                    for (int k = 0; k < IDS.length; k++) data[at++] = lens * 10000 + (layered ? l + 1 : 0) * 1000 + (layered ? s + 1 : s) * 100 + t * 10 + k;
                }
            }
        }
        return new IntTensor(shape, data);
    }

    @Test
    void eachLineIsOneTokensRankAtEveryStepOfOneLensAndLayer() {
        RankTrajectories r = RankTrajectories.of(new Trace.Ranks(IDS, tensor(1, false), tensor(2, false), tensor(1, true), tensor(2, true)));
        assertEquals(LAYERS, r.layers());
        assertTrue(r.has(Lens.LOGIT));
        assertArrayEquals(new double[] {10021, 10121, 10221, 10321}, r.series(Lens.CODA, RankTrajectories.BLOCK_OUTPUT, 2, 2));
        assertArrayEquals(new double[] {20010, 20110, 20210, 20310}, r.series(Lens.LOGIT, RankTrajectories.BLOCK_OUTPUT, 1, 7));
        double[] layer2 = r.series(Lens.LOGIT, 2, 0, 2);
        assertTrue(Double.isNaN(layer2[0]), "no loop layer has run before the first iteration: a gap, not a rank");
        assertArrayEquals(new double[] {22101, 22201, 22301}, java.util.Arrays.copyOfRange(layer2, 1, STEPS));
        assertArrayEquals(new double[] {11111, 11211, 11311}, java.util.Arrays.copyOfRange(r.series(Lens.CODA, 1, 1, 2), 1, STEPS));
        assertTrue(r.covers(new long[] {2, 7}));
        assertFalse(r.covers(new long[] {2, 5}));
    }

    @Test
    void whatWasNotRecordedSaysSo() {
        RankTrajectories r = RankTrajectories.of(new Trace.Ranks(IDS, tensor(1, false), null, null, null));
        assertEquals(0, r.layers());
        assertFalse(r.has(Lens.LOGIT));
        IllegalArgumentException layer = assertThrows(IllegalArgumentException.class, () -> r.series(Lens.CODA, 1, 0, 7));
        assertTrue(layer.getMessage().contains("without layer states"), layer.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> r.series(Lens.CODA, 0, 0, 5));
        assertTrue(id.getMessage().contains("not ranked"), id.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.series(Lens.LOGIT, 0, 0, 7));
    }
}
