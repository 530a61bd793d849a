package io.loopscope.analysis.convergence;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.TraceData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that a reference run — whose final states serve as s* for ‖s_i − s*‖ — is a run of the same
 * prompt on the same model. A mismatch that makes the distances meaningless is an error; a doubt
 * that does not (no ids recorded, a reference that is not longer) is a note.
 */
public final class ReferenceRun {
    private ReferenceRun() {
    }

    /**
     * @return notes about what could not be checked
     * @throws IllegalArgumentException when the reference is another prompt or model, or lacks the space
     */
    public static List<String> check(TraceData data, TraceData reference, StateSpace space) {
        String ref = "reference run " + reference.source();
        if (reference.tokens() != data.tokens() || reference.hidden() != data.hidden()) {
            throw new IllegalArgumentException(ref + " has " + reference.tokens() + " tokens × H " + reference.hidden() + ", "
                    + data.source() + " has " + data.tokens() + " × " + data.hidden() + ": not the same prompt and model");
        }
        List<String> notes = new ArrayList<>();
        if (data.hasIds() && reference.hasIds()) {
            long[] a = data.ids(), b = reference.ids();
            if (!Arrays.equals(a, b)) {
                int i = Arrays.mismatch(a, b);
                throw new IllegalArgumentException(ref + " is a different prompt: its token ids differ from " + data.source()
                        + "'s at token " + i + " (" + b[i] + " vs " + a[i] + "); s* must come from the same prompt");
            }
        } else {
            notes.add(ref + ": " + (data.hasIds() ? reference.source() : data.source())
                    + " records no ids, so the prompts were matched by shape only");
        }
        if (space == StateSpace.NORMALIZED && !reference.canNormalize()) {
            throw new IllegalArgumentException(ref + " has no ln_f_weight, so its states cannot be normalized; use --space raw");
        }
        if (reference.iterations() <= data.iterations()) {
            notes.add(ref + " has R = " + reference.iterations() + ", not more than " + data.source() + "'s R = " + data.iterations()
                    + ": s* is not from a longer run");
        }
        List<Integer> bad = new ArrayList<>();
        for (int t = 0; t < reference.tokens(); t++) if (!reference.isFinite(reference.iterations(), t)) bad.add(t);
        if (!bad.isEmpty()) notes.add(ref + ": final state is NaN/Inf for tokens " + bad + "; their distances to s* are NaN");
        return notes;
    }
}
