package io.loopscope.analysis.report;

import io.loopscope.analysis.StateSpace;
import io.loopscope.analysis.convergence.CriterionSteps;
import io.loopscope.analysis.convergence.TokenConvergence;
import io.loopscope.analysis.motif.MotifResult;
import io.loopscope.analysis.projection.PcaResult;
import io.loopscope.inference.exit.ExitCriterion;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link TraceAnalysis} computed for one trace.
 *
 * @param source         file name or "trace"
 * @param label          the trace's meta label, or null
 * @param space          the state space the geometry was computed in
 * @param iterations     R
 * @param hidden         H
 * @param tokens         token display strings
 * @param motifs         per token
 * @param exitSteps      per criterion (unavailable ones say why)
 * @param convergence    per token
 * @param reference      source of the reference run whose final states are s*, or null (s* = this trace's own end)
 * @param pca            the PCA, or null when it could not be fitted
 * @param pcaUnavailable why there is no PCA, or null
 * @param notes          what was missing, ignored or non-finite
 * @param generation     the generation the trace recorded (steps each position ran), or null for a prompt pass
 */
public record TraceReport(
        String source,
        String label,
        StateSpace space,
        int iterations,
        int hidden,
        List<String> tokens,
        List<MotifResult> motifs,
        Map<ExitCriterion, CriterionSteps> exitSteps,
        List<TokenConvergence> convergence,
        String reference,
        PcaResult pca,
        String pcaUnavailable,
        List<String> notes,
        io.loopscope.inference.trace.Generated generation) {

    public TraceReport {
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(space, "space");
        tokens = List.copyOf(tokens);
        motifs = List.copyOf(motifs);
        convergence = List.copyOf(convergence);
        if (motifs.size() != tokens.size() || convergence.size() != tokens.size()) throw new IllegalArgumentException("one motif and curve per token");
        if ((pca == null) == (pcaUnavailable == null)) throw new IllegalArgumentException("either a PCA or the reason there is none");
        exitSteps = Collections.unmodifiableMap(new EnumMap<>(exitSteps));
        notes = List.copyOf(notes);
        if (generation != null && generation.steps().length != tokens.size()) throw new IllegalArgumentException("one generation step count per token");
    }

    /** "generated, ran 6 of 16 (kl)" for a generated position, "" for a prompt token or a prompt pass. */
    public String generatedNote(int token) {
        if (generation == null || token < generation.settings().promptLength()) return "";
        return "generated, ran " + generation.stepsAt(token) + " of " + iterations + " (" + generation.settings().exitCriterion() + ")";
    }
}
