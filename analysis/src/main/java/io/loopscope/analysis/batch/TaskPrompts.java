package io.loopscope.analysis.batch;

import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch prompts drawn from the task suite: {@code samples} examples at every difficulty of a range,
 * each labelled with its answer's first character. The one source of task prompts for
 * {@code loopscope batch --task} and the census of {@code loopscope compare-models}.
 */
public final class TaskPrompts {

    /** How prompts are grouped into categories: one per difficulty ("sum 4") or one per range ("sum", "sum harder"). */
    public enum Grouping { DIFFICULTY, RANGE }

    private TaskPrompts() {
    }

    /**
     * @param difficulty the difficulties to draw at, or null for each task's training and harder ranges
     * @param seed       examples at difficulty d come from seed + d, so a range's prompts do not depend on its neighbours
     */
    public static List<BatchPrompt> of(List<Task> tasks, Range difficulty, Grouping by, int samples, long seed) {
        if (samples < 1) throw new IllegalArgumentException("samples per difficulty must be >= 1, got " + samples);
        List<BatchPrompt> out = new ArrayList<>();
        for (Task task : tasks) {
            Range range = difficulty == null ? new Range(task.training().min(), task.harder().max()) : difficulty;
            for (int d = range.min(); d <= range.max(); d++) {
                String category = by == Grouping.DIFFICULTY ? task.name() + " " + d : rangeCategory(task, d);
                for (Example e : Tasks.examples(task, new Range(d, d), samples, seed + d)) {
                    out.add(new BatchPrompt(out.size(), e.prompt(), category, e.answer().substring(0, 1)));
                }
            }
        }
        return out;
    }

    /** "sum" for a difficulty in the training range, "sum harder" beyond it. */
    public static String rangeCategory(Task task, int difficulty) {
        return task.training().contains(difficulty) ? task.name() : task.name() + " harder";
    }
}
