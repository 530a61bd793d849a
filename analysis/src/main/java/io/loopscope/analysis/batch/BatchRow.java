package io.loopscope.analysis.batch;

import java.util.List;
import java.util.Map;

/**
 * One token position of one batch prompt: the summary table's row.
 *
 * @param prompt    the prompt's index
 * @param category  its category
 * @param position  0-based position in the sequence (generated positions follow the prompt's)
 * @param token     the token's text
 * @param generated whether the position was generated (fed back) rather than typed
 * @param motif     the analysis's motif of the token's trajectory
 * @param exitSteps criterion id → first step it fires at its threshold (null: never, or unavailable)
 * @param stepsRun  iterations the position ran (R for a prompt position)
 * @param lensTop1  the lens's top guess after the last step it ran
 * @param correct   at the prompt's last position with a label: whether lensTop1 is it; else null
 */
public record BatchRow(int prompt, String category, int position, String token, boolean generated, String motif,
                       Map<String, Integer> exitSteps, int stepsRun, String lensTop1, Boolean correct) {

    /** The summary table's header for these criteria. */
    public static List<String> header(List<String> criteria) {
        List<String> h = new java.util.ArrayList<>(List.of("prompt", "category", "position", "token", "generated", "motif"));
        for (String c : criteria) h.add("exit_" + c.replace('-', '_'));
        h.addAll(List.of("steps_run", "lens_top1", "correct"));
        return h;
    }

    /** This row's fields in header order. */
    public List<String> fields(List<String> criteria) {
        List<String> f = new java.util.ArrayList<>(List.of(Integer.toString(prompt), category, Integer.toString(position), token,
                Boolean.toString(generated), motif));
        for (String c : criteria) {
            Integer s = exitSteps.get(c);
            f.add(s == null ? "" : s.toString());
        }
        f.addAll(List.of(Integer.toString(stepsRun), lensTop1, correct == null ? "" : correct.toString()));
        return f;
    }
}
