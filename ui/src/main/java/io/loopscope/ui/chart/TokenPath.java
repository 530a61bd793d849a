package io.loopscope.ui.chart;

/**
 * One token's trajectory in one PC plane, with what a hover tooltip shows per step.
 *
 * @param token    index in the prompt
 * @param label    the token as shown ("#3 'cat'")
 * @param x        coordinate on the plane's first PC, per step 0..R
 * @param y        coordinate on the second PC, per step
 * @param comX     centre of mass on the first PC
 * @param comY     centre of mass on the second PC
 * @param distance ‖s_i − s*‖ per step
 * @param top1     the lens's top-1 token per step
 */
public record TokenPath(int token, String label, double[] x, double[] y, double comX, double comY, double[] distance, String[] top1) {
    public int steps() {
        return x.length;
    }
}
