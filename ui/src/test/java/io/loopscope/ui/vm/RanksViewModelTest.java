package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.analysis.RankTrajectories;
import io.loopscope.ui.chart.RankChartData;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.TrackedTokens;
import io.loopscope.ui.testing.FakeModel;
import io.loopscope.ui.testing.TestRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Ranks view's model on the fake model, whose ranks agree with its synthetic lens: which ranks
 * it asks for, what it draws once they are read, and what it says when it cannot. No toolkit.
 */
class RanksViewModelTest {

    /** What the view does with a request: reads it (here at once, on this thread) and hands it back. */
    static void serve(RanksViewModel vm) {
        RanksViewModel.Request q = vm.request();
        assertNotNull(q, "a request to serve: " + vm.messageProperty().get());
        vm.loaded(q, q.run().ranks(q.ids(), q.layers(), () -> false));
    }

    private static WorkbenchViewModel open(RunResult r) {
        WorkbenchViewModel wb = new WorkbenchViewModel();
        wb.resultProperty().set(r);
        return wb;
    }

    @Test
    void aFreshRunAsksForTheDefaultTokensAndDrawsThemOnceRead() {
        RunResult r = TestRuns.synthetic("abcdef", 12);
        RanksViewModel vm = open(r).ranks();
        int t = 5;
        long top = r.analysis().lens().topId(12, t, 0);
        assertNull(vm.chart(), "nothing drawn before the ranks are read");
        assertTrue(vm.readingProperty().get());
        assertTrue(vm.messageProperty().get().startsWith("Reading the ranks of"), vm.messageProperty().get());
        assertArrayEquals(new long[] {top}, vm.request().ids(), "the lens's final guess at the focus, which is also the answer at the last token");
        assertEquals(TrackedTokens.spell(top, r.model()), vm.defaultsProperty().get());

        serve(vm);
        RankChartData c = vm.chart();
        assertNotNull(c);
        assertEquals("", vm.messageProperty().get());
        assertFalse(vm.readingProperty().get());
        assertNull(vm.request());
        assertEquals(List.of("'" + r.tokenString(top) + "'"), c.tokens());
        assertEquals(1, c.panels().size(), "the fake records the coda lens only");
        assertEquals(LensKind.CODA, c.panels().getFirst().lens());
        assertEquals(12, c.lastStep());
        assertTrue(c.title().startsWith("Ranks at [5] f · block output"), c.title());
        double[] ranks = c.panels().getFirst().ranks().getFirst();
        for (int s = 0; s <= 12; s++) {
            long guess = r.analysis().lens().topId(s, t, 0);
            assertEquals(Math.floorMod(top - guess, (long) FakeModel.LENS_VOCAB) + 1, ranks[s], 0, "step " + s);
        }
        assertEquals(1, ranks[12], 0, "the final guess ranks first at the end");
    }

    @Test
    void typedTokensAreTrackedInTheirOrderAndABadOneLosesNothing() {
        RunResult r = TestRuns.synthetic("abcdef", 8);
        RanksViewModel vm = open(r).ranks();
        serve(vm);
        vm.tokensProperty().set("c, a #3");
        serve(vm);
        RankChartData c = vm.chart();
        assertEquals(List.of("'c'", "'a'", "'d'"), c.tokens(), "#3 is the id of d");
        RankTrajectories direct = r.ranks(new long[] {2, 0, 3}, () -> false);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(direct.series(RankTrajectories.Lens.CODA, 0, 5, new long[] {2, 0, 3}[k]), c.panels().getFirst().ranks().get(k));
        }

        vm.tokensProperty().set("c Q");
        assertTrue(vm.messageProperty().get().contains("'Q'"), vm.messageProperty().get());
        assertEquals(c, vm.chart(), "the last good chart stays");
        assertEquals("c Q", vm.tokensProperty().get(), "and so does what was typed");
        assertNull(vm.request());

        vm.tokensProperty().set("abcdefg");
        assertTrue(vm.messageProperty().get().contains("at most " + TrackedTokens.MAX), vm.messageProperty().get());

        vm.tokensProperty().set("  ");
        assertNull(vm.request(), "back to the defaults, which were read first");
        assertEquals(1, vm.chart().tokens().size());
    }

    @Test
    void movingTheFocusReadsOnlyWhatWasNotReadBefore() {
        RunResult r = TestRuns.synthetic("abcdef", 12);
        WorkbenchViewModel wb = open(r);
        RanksViewModel vm = wb.ranks();
        serve(vm);
        long[] first = TrackedTokens.defaults(r, 5);
        wb.selection().select(1);
        long[] second = TrackedTokens.defaults(r, 1);
        assertNotEquals(first[0], second[0], "the synthetic lens guesses differently at 1 and 5");
        RanksViewModel.Request q = vm.request();
        assertNotNull(q);
        assertArrayEquals(new long[] {second[0], first[0]}, q.ids(), "the new tokens, and those read before");

        wb.selection().select(2);
        vm.loaded(q, q.run().ranks(q.ids(), q.layers(), () -> false));
        assertNotNull(vm.request(), "a reading the view has moved past is dropped");
        assertNull(vm.chart());

        serve(vm);
        assertTrue(vm.chart().title().contains("[2]"));
        wb.selection().select(5);
        assertNull(vm.request(), "token 5's tokens were read with the others");
        assertTrue(vm.chart().title().contains("[5]"));
    }

    @Test
    void whatCannotBeDrawnSaysWhy() {
        RunResult r = TestRuns.synthetic("abcdef", 8);
        RanksViewModel vm = open(r).ranks();
        assertEquals(List.of(new RanksViewModel.LayerChoice(0, "block output")), vm.layersProperty().get());
        assertTrue(vm.layerNoteProperty().get().contains("record layers"), vm.layerNoteProperty().get());

        vm.layerProperty().set(1);
        assertNull(vm.chart());
        assertNull(vm.request(), "no reading for a layer the run lacks");
        assertTrue(vm.messageProperty().get().contains("no layer states"), vm.messageProperty().get());
        assertEquals(new RanksViewModel.LayerChoice(1, "core layer 1 (not recorded)"), vm.layersProperty().get().getLast(), "the choice shows what was asked");
        assertEquals("", vm.layerNoteProperty().get(), "the message says it once");
        vm.layerProperty().set(0);
        assertEquals(1, vm.layersProperty().get().size());

        RanksViewModel.Request q = vm.request();
        vm.failed(q, "the model is gone");
        assertEquals("Cannot read the ranks: the model is gone", vm.messageProperty().get());
        assertNull(vm.request(), "a failed reading is not asked for again");

        RanksViewModel g = open(TestRuns.generated("abc", 8, 4)).ranks();
        assertNull(g.request());
        assertTrue(g.messageProperty().get().contains("generation"), g.messageProperty().get());

        RanksViewModel none = new WorkbenchViewModel().ranks();
        assertTrue(none.messageProperty().get().startsWith("Run a prompt"), none.messageProperty().get());
    }
}
