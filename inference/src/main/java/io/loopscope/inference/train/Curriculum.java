package io.loopscope.inference.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Task;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Which task a step trains and how hard its examples are. A task starts at its two easiest
 * difficulties and opens the next one when its running batch accuracy reaches {@link #ADVANCE_AT};
 * tasks the model has not mastered get more steps (weight 0.1 + 1 − accuracy, times the task's
 * weight from the options), so the control task that is learnt in a few hundred steps stops taking a
 * quarter of the budget. A share of examples is always drawn from the whole training range so no
 * difficulty goes unseen while a task is stuck.
 * The state depends only on the (deterministic) batch accuracies, so a resumed run repeats it exactly.
 */
final class Curriculum {
    static final double ADVANCE_AT = 0.8;
    private static final double SMOOTHING = 0.05;     // weight of one batch in the running accuracy
    private static final double FULL_RANGE_SHARE = 0.15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Task> tasks;
    private final int[] level;          // hardest difficulty currently trained, per task
    private final double[] accuracy;    // running batch accuracy at the current level, per task
    private final double[] weight;      // factor on the task's share of steps

    Curriculum(List<Task> tasks) {
        this(tasks, Map.of());
    }

    /** @param weights per task name, a factor on its share of steps (missing: 1) */
    Curriculum(List<Task> tasks, Map<String, Double> weights) {
        this.tasks = List.copyOf(tasks);
        this.weight = tasks.stream().mapToDouble(t -> weights.getOrDefault(t.name(), 1.0)).toArray();
        this.level = new int[tasks.size()];
        this.accuracy = new double[tasks.size()];
        for (int i = 0; i < level.length; i++) {
            Range r = tasks.get(i).training();
            level[i] = Math.min(r.min() + 1, r.max());
        }
    }

    /** Draws the task of a step, favouring those with low running accuracy. */
    int pickTask(SplittableRandom rng) {
        double[] weights = new double[tasks.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) total += weights[i] = (0.1 + 1 - accuracy[i]) * weight[i];
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
        return weights.length - 1;
    }

    /** One training example of task index: mostly up to its current level, sometimes anywhere in its range. */
    Example sample(int index, SplittableRandom rng) {
        Task task = tasks.get(index);
        Range full = task.training();
        boolean anywhere = rng.nextDouble() < FULL_RANGE_SHARE;
        return task.sample(rng, anywhere ? full : new Range(full.min(), level[index]));
    }

    /** Folds one batch's accuracy in; opens the next difficulty when the current ones are mastered. */
    void record(int index, double batchAccuracy) {
        accuracy[index] = (1 - SMOOTHING) * accuracy[index] + SMOOTHING * batchAccuracy;
        if (accuracy[index] >= ADVANCE_AT && level[index] < tasks.get(index).training().max()) {
            level[index]++;
            accuracy[index] = ADVANCE_AT - 0.2; // earn the next step afresh
        }
    }

    int level(int index) {
        return level[index];
    }

    double accuracy(int index) {
        return accuracy[index];
    }

    /** "sum ≤4 0.55, hops ≤2 0.31, …" for the training log. */
    String summary() {
        StringJoiner s = new StringJoiner(", ");
        for (int i = 0; i < level.length; i++) {
            s.add(String.format(Locale.ROOT, "%s ≤%d acc %.2f", tasks.get(i).name(), level[i], accuracy[i]));
        }
        return s.toString();
    }

    ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < level.length; i++) {
            node.putObject(tasks.get(i).name()).put("level", level[i]).put("accuracy", accuracy[i]);
        }
        return node;
    }

    /** Restores the state saved by {@link #toJson()}; tasks missing from it keep their start state. */
    void restore(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) return;
        for (int i = 0; i < level.length; i++) {
            JsonNode t = node.get(tasks.get(i).name());
            if (t == null) continue;
            Range r = tasks.get(i).training();
            level[i] = Math.max(r.min(), Math.min(r.max(), t.path("level").asInt(level[i])));
            accuracy[i] = t.path("accuracy").asDouble(accuracy[i]);
        }
    }
}
