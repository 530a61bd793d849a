package io.loopscope.ui.engine;

/**
 * Two runs of the same prompt compared token by token (path independence): do both reach the same
 * attractor from different starts?
 */
public interface PairComparison {

    /** Tokens compared (the shorter of the two runs). */
    int tokens();

    /** Distance between the two runs' final states (or orbits) of token. */
    double finalDistance(int token);

    /** Whether the analysis judges both runs to reach the same attractor for token. */
    boolean sameAttractor(int token);

    /** One sentence for the whole prompt ("31 of 32 tokens reach the same attractor"). */
    String summary();
}
