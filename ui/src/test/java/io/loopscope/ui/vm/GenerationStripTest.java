package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.ui.colour.MotifColours;
import io.loopscope.ui.colour.Viridis;
import io.loopscope.ui.engine.RunResult;
import io.loopscope.ui.engine.StreamedToken;
import io.loopscope.ui.testing.FakeModel;
import io.loopscope.ui.testing.TestRuns;
import io.loopscope.ui.vm.TokenStripViewModel.Chip;
import io.loopscope.ui.vm.TokenStripViewModel.Kind;
import io.loopscope.ui.vm.TokenStripViewModel.LegendEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer's chips: coloured by the iterations each ran, with a min–max legend and the summary line; streaming first. No toolkit. */
class GenerationStripTest {

    /** "abc" at R 8, four new tokens: d e f g; positions 3, 4, 5 (d e f fed back) ran 8, 5 and 2 steps. */
    private static RunResult generated() {
        RunResult r = TestRuns.generated("abc", 8, 4);
        for (int t = 3; t < 6; t++) assertEquals(FakeModel.exitStep(t, 8, ExitCriterion.KL), r.trace().stepsOf(t));
        return r;
    }

    @Test
    void answerChipsAreColouredByTheirStepsAndPromptChipsAsBefore() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.criterionProperty().set(ExitCriterion.LATENT_DIFF);
        vm.resultProperty().set(generated());
        assertEquals(ExitCriterion.KL, vm.criterionProperty().get(), "the metrics follow the generation's criterion");
        assertEquals(5e-4, vm.thresholdProperty().get());

        List<Chip> chips = vm.tokenStrip().chips();
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g"), chips.stream().map(Chip::text).toList(), "the prompt, then the whole answer");
        assertEquals(List.of(Kind.PROMPT, Kind.PROMPT, Kind.PROMPT, Kind.GENERATED, Kind.GENERATED, Kind.GENERATED, Kind.LAST),
                chips.stream().map(Chip::kind).toList());
        assertEquals(MotifColours.of("fixed-point"), chips.get(0).colour(), "prompt chips keep the chosen colouring (motif)");
        assertEquals(Viridis.fx(1), chips.get(3).colour(), "8 steps: the most");
        assertEquals(Viridis.fx(0.5), chips.get(4).colour(), "5 steps: half way between 2 and 8");
        assertEquals(Viridis.fx(0), chips.get(5).colour(), "2 steps: the fewest");
        assertTrue(chips.get(4).tooltip().contains("ran 5 of 8 iterations (exit kl < 0.0005)"), chips.get(4).tooltip());
        assertFalse(chips.getLast().selectable(), "the last token was never fed back");
        assertTrue(chips.getLast().tooltip().contains("never fed back"));

        List<LegendEntry> legend = vm.tokenStrip().legend();
        int heading = legend.indexOf(new LegendEntry(null, "answer, iterations run:"));
        assertTrue(heading > 0, "after the motif legend: " + legend);
        List<String> labels = legend.subList(heading + 1, legend.size()).stream().map(LegendEntry::label).toList();
        assertEquals("2", labels.getFirst(), "min");
        assertEquals("8", labels.getLast(), "max");
        assertEquals(Viridis.fx(0), legend.get(heading + 1).colour());

        assertEquals("generated 4 tokens (stopped: max-new-tokens) · 15 iterations of 24 at fixed R = 8 (63 %)", vm.tokenStrip().summary());
    }

    @Test
    void selectingAGeneratedTokenDrivesEveryView() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        vm.resultProperty().set(generated());
        vm.tokenStrip().click(6, false, false);
        assertEquals(List.of(3, 4, 5), vm.selection().tokens(), "the unfed last chip selects nothing");
        vm.tokenStrip().click(4, false, false);
        assertEquals(List.of(4), vm.selection().tokens());
        assertEquals("[4] e", vm.motifCard().tokenProperty().get());
        assertEquals("generated: ran 5 of 8 iterations; its state is held at the exit after that", vm.motifCard().evidenceProperty().get().getFirst(),
                "the card says the motif was read over a held state");
        assertEquals(1, vm.trajectories().planes().getFirst().paths().size());
        assertEquals(4, vm.metrics().data().series().getFirst().token());
        assertTrue(vm.lens().titleProperty().get().startsWith("Coda lens of [4] e"));
        assertEquals(6, vm.lens().rows().size(), "steps 0..5: the lens of a step it never ran is absent, not a guess");
        assertTrue(vm.lens().titleProperty().get().contains("ran 5 of 8"), vm.lens().titleProperty().get());
    }

    @Test
    void chipsStreamInWhileGeneratingAndTheResultTakesOver() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        RunResult done = generated();
        LiveGeneration live = vm.live();
        live.start(done.spec());
        assertTrue(vm.tokenStrip().chips().isEmpty(), "nothing until the prompt is read");
        live.prompt(List.of("a", "b", "c"));
        live.token(new StreamedToken(0, 3, "d", 2, 8));
        List<Chip> chips = vm.tokenStrip().chips();
        assertEquals(List.of("a", "b", "c", "d"), chips.stream().map(Chip::text).toList());
        assertTrue(chips.stream().allMatch(Chip::live));
        assertEquals(Kind.LAST, chips.getLast().kind(), "d is still thinking");
        assertEquals(TokenStripViewModel.NEUTRAL, chips.getLast().colour());
        assertEquals("generating… 1 token so far", vm.tokenStrip().summary());

        live.token(new StreamedToken(1, 4, "e", 3, 8));
        live.token(new StreamedToken(2, 5, "f", 4, 5));
        chips = vm.tokenStrip().chips();
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), chips.stream().map(Chip::text).toList());
        assertEquals(Kind.GENERATED, chips.get(3).kind());
        assertEquals(Viridis.fx(1), chips.get(3).colour(), "d ran 8: the most so far");
        assertEquals(Viridis.fx(0), chips.get(4).colour(), "e ran 5: the fewest so far");
        assertEquals("generating… 3 tokens so far · 13 iterations of 16 at fixed R = 8 (81 %)", vm.tokenStrip().summary());
        vm.tokenStrip().click(3, false, false);
        assertEquals(List.of(), vm.selection().tokens(), "nothing to select before the analysis");

        vm.resultProperty().set(done);
        live.stop();
        assertEquals(7, vm.tokenStrip().chips().size());
        assertFalse(vm.tokenStrip().chips().getFirst().live());
        assertNull(live.steps());
    }

    @Test
    void compareRunsTheGeneratedTextInOnePassSoEveryPositionHasItsCounterpart() {
        WorkbenchViewModel vm = new WorkbenchViewModel();
        CompareViewModel cmp = new CompareViewModel(vm.resultProperty(), vm.selection());
        vm.resultProperty().set(generated());
        var b = cmp.specB();
        assertEquals("abcdef", b.prompt(), "the prompt and the three tokens fed back (g, the last, never was)");
        assertNull(b.generate(), "B is one pass at fixed R");
    }
}
