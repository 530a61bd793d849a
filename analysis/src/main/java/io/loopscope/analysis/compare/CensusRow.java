package io.loopscope.analysis.compare;

import io.loopscope.analysis.batch.BatchJob;
import io.loopscope.analysis.batch.BatchRow;
import io.loopscope.analysis.motif.Motif;
import io.loopscope.analysis.motif.MotifEvidence;
import io.loopscope.analysis.motif.MotifResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One token position of the census: what its trajectory is and when it exits.
 *
 * @param prompt           the prompt's index in the census
 * @param category         its category ("sum", "sum harder")
 * @param position         0-based position in the prompt
 * @param motif            the motif of its trajectory
 * @param exitStep         first step the census's exit fires at, or null when it never does
 * @param contractionRatio a fixed point's fitted contraction ratio per step; null for every other motif
 */
public record CensusRow(int prompt, String category, int position, Motif motif, Integer exitStep, Double contractionRatio) {
    public CensusRow {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(motif, "motif");
        if (prompt < 0 || position < 0) throw new IllegalArgumentException("prompt and position are indices from 0");
        if (exitStep != null && exitStep < 1) throw new IllegalArgumentException("an exit step is >= 1, got " + exitStep);
        if ((motif == Motif.FIXED_POINT) != (contractionRatio != null)) {
            throw new IllegalArgumentException("a contraction ratio belongs to a fixed point, and every fixed point has one (" + motif.id() + ")");
        }
        if (contractionRatio != null && !(contractionRatio >= 0)) throw new IllegalArgumentException("a contraction ratio is >= 0, got " + contractionRatio);
    }

    /** The census rows of one batch prompt: its rows' exit steps under criterion, each with its motif's evidence. */
    public static List<CensusRow> of(BatchJob.Result result, String criterion) {
        List<CensusRow> out = new ArrayList<>(result.rows().size());
        for (int t = 0; t < result.rows().size(); t++) {
            BatchRow row = result.rows().get(t);
            MotifResult m = result.report().motifs().get(t);
            Double ratio = m.evidence() instanceof MotifEvidence.FixedPoint f ? f.contractionRatio() : null;
            out.add(new CensusRow(row.prompt(), row.category(), row.position(), m.motif(), row.exitSteps().get(criterion), ratio));
        }
        return out;
    }
}
