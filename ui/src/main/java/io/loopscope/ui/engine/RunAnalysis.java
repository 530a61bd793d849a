package io.loopscope.ui.engine;

import io.loopscope.inference.exit.ExitCriterion;
import java.util.OptionalInt;

/**
 * The numbers the views and figures draw, as the analysis module computed them for one trace —
 * projections, distances, motifs, exits and the logit lens: the one data path from a run to the
 * chart layer (nothing draws from the raw trace tensors). The workbench has no numerics of its own:
 * this interface only re-shapes analysis results for views (and lets view tests use analytic
 * trajectories).
 *
 * <p>Indices: token 0..tokens-1, step 0..steps-1 (steps = R+1), pc 0..components-1.
 */
public interface RunAnalysis {

    int tokens();

    int steps();

    /** Principal components available (at most 10). */
    int components();

    /** Share of the variance PC pc explains, 0..1. */
    double explainedVariance(int pc);

    /** Coordinate of state s_step of token on PC pc. */
    double projection(int token, int step, int pc);

    /** The token's centre of mass on PC pc (mean over its steps). */
    double centreOfMass(int token, int pc);

    /** ‖s_step − s*‖ with s* the final state. */
    double distanceToFinal(int token, int step);

    /** ‖s_i − s_{i−1}‖ / ‖s_i‖; NaN at step 0. */
    double relativeStep(int token, int step);

    /** The token's motif with its evidence in words. */
    MotifSummary motif(int token);

    /** The first step (1..R) the criterion fires at this threshold, or empty when it never does. */
    OptionalInt exitStep(ExitCriterion criterion, double threshold, int token);

    /** The steps token ran: R, or a generated token's exit (later steps never happened; its state is held there). */
    int ranSteps(int token);

    /** The coda lens (the model's decode) as recorded with the run ({@link RunLens#NONE} when it recorded none). */
    RunLens lens();

    /** The lens of this kind as recorded with the run ({@link RunLens#NONE} when it recorded none). */
    default RunLens lens(LensKind kind) {
        return kind == LensKind.CODA ? lens() : RunLens.NONE;
    }

    /** Whether the run recorded a lens of this kind with guesses to show. */
    default boolean hasLens(LensKind kind) {
        return lens(kind).topK() > 0;
    }

    /** Which space the states were analysed in, e.g. "normalized (ln_f)" — shown in axis titles. */
    default String space() {
        return "";
    }
}
