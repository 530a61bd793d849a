package io.loopscope.inference.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The task suite: look-up by name, and deterministic example sets. */
public final class Tasks {
    private static final Map<String, Task> ALL = new LinkedHashMap<>();

    static {
        for (Task t : List.of(new SumTask(), new AddTask(), new HopTask(), new CountTask(), new CopyTask())) ALL.put(t.name(), t);
    }

    private Tasks() {
    }

    /** Every task, in a fixed order. */
    public static List<Task> all() {
        return List.copyOf(ALL.values());
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The task called name, or an error that lists the valid names. */
    public static Task byName(String name) {
        Task task = ALL.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (task == null) {
            throw new IllegalArgumentException("unknown task \"" + name + "\"; valid tasks: " + String.join(", ", ALL.keySet()));
        }
        return task;
    }

    /** Parses "sum,hops" or "all". */
    public static List<Task> parse(String list) {
        if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("all")) return all();
        List<Task> out = new ArrayList<>();
        for (String name : list.split(",")) {
            Task t = byName(name);
            if (!out.contains(t)) out.add(t);
        }
        return out;
    }

    /** n examples with difficulties uniform over range, reproducible from seed. */
    public static List<Example> examples(Task task, Range range, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ (task.name().hashCode() * 0x9E3779B97F4A7C15L));
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(task.sample(rng, range));
        return out;
    }
}
