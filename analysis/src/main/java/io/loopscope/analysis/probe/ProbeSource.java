package io.loopscope.analysis.probe;

import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Tasks;
import java.nio.file.Path;
import java.util.Objects;

/** Where a probe's prompts come from: a task of the suite, or a JSONL file of prompts with labels. */
public sealed interface ProbeSource {

    /** In running text and figure titles, e.g. "sum 2..6, 200 prompts" or "probes.jsonl". */
    String describe();

    /**
     * Examples drawn from a task.
     *
     * @param task       its name (sum, add, hops, count, copy)
     * @param difficulty its difficulties, or null for the task's training range
     * @param samples    how many prompts to draw
     */
    record TaskPrompts(String task, Range difficulty, int samples) implements ProbeSource {
        public TaskPrompts {
            task = Tasks.byName(task).name(); // an unknown name fails here, with the valid ones listed
        }

        /** The difficulties drawn from: the given range, else the task's training range. */
        public Range range() {
            return difficulty != null ? difficulty : Tasks.byName(task).training();
        }

        @Override
        public String describe() {
            return task + " " + range() + ", " + samples + " prompts";
        }
    }

    /** One {"prompt": …, "label": "c"} per line. */
    record FilePrompts(Path file) implements ProbeSource {
        public FilePrompts {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            Path name = file.getFileName();
            return name == null ? file.toString() : name.toString();
        }
    }
}
