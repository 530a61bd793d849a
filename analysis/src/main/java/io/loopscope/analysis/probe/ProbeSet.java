package io.loopscope.analysis.probe;

import io.loopscope.analysis.PromptFile;
import io.loopscope.inference.tasks.Example;
import io.loopscope.inference.tasks.ProbeStates.Question;
import io.loopscope.inference.tasks.Range;
import io.loopscope.inference.tasks.Task;
import io.loopscope.inference.tasks.Tasks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The questions a probe asks — each a prompt, the position read and the character expected there —
 * and the classes they fall into. Built from a task or a JSONL file and checked before any model
 * runs: enough prompts for the folds, and more than one class (the iteration probe brings its own).
 *
 * @param questions the prompts in order
 * @param classes   the distinct targets, sorted: class k is classes.get(k)
 */
public record ProbeSet(List<Question> questions, List<Character> classes) {

    public ProbeSet {
        questions = List.copyOf(questions);
        classes = List.copyOf(classes);
    }

    /** Reads or draws the questions of settings; IllegalArgumentException (or IOException for a file) says what is wrong. */
    public static ProbeSet of(ProbeSettings settings) throws IOException {
        List<Question> questions = switch (settings.source()) {
            case ProbeSource.TaskPrompts t -> fromTask(t, settings);
            case ProbeSource.FilePrompts f -> fromFile(f.file(), settings.label());
        };
        if (questions.size() < 2 * settings.folds()) {
            throw new IllegalArgumentException(questions.size() + " prompts are too few for " + settings.folds() + " folds");
        }
        TreeSet<Character> classes = new TreeSet<>();
        for (Question q : questions) classes.add(q.target());
        if (classes.size() < 2 && settings.label() != ProbeLabel.ITERATION) {
            throw new IllegalArgumentException("every prompt has the label '" + classes.first() + "': nothing to probe");
        }
        return new ProbeSet(questions, new ArrayList<>(classes));
    }

    /** Class of each question, 0..classes−1. */
    public int[] labels() {
        return questions.stream().mapToInt(q -> classes.indexOf(q.target())).toArray();
    }

    public int size() {
        return questions.size();
    }

    private static List<Question> fromTask(ProbeSource.TaskPrompts source, ProbeSettings settings) {
        Task task = Tasks.byName(source.task());
        Range range = source.range();
        ProbeLabel label = settings.label();
        Integer position = settings.position();
        List<Question> out = new ArrayList<>();
        for (Example e : Tasks.examples(task, range, source.samples(), settings.seed())) {
            switch (label) {
                case ANSWER, ITERATION -> out.add(new Question(e.prompt(), e.prompt().length() - 1, e.answer().charAt(0)));
                case RUNNING, HOP -> {
                    Map<Integer, Character> hints = label == ProbeLabel.RUNNING ? task.runningAnswers(e) : task.prefixAnswers(e);
                    if (hints.isEmpty()) {
                        throw new IllegalArgumentException("--label " + label.id() + " needs a task with " + (label == ProbeLabel.RUNNING
                                ? "running totals (sum, count)" : "hops (hops)") + "; " + task.name() + " has none");
                    }
                    List<Map.Entry<Integer, Character>> at = new ArrayList<>(new TreeMap<>(hints).entrySet());
                    int k = position == null ? at.size() : position;
                    if (k <= at.size()) out.add(new Question(e.prompt(), at.get(k - 1).getKey(), at.get(k - 1).getValue()));
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no prompt of " + task.name() + " " + range + " has a " + label.id() + " number " + position);
        return out;
    }

    private static List<Question> fromFile(Path file, ProbeLabel label) throws IOException {
        List<Question> out = new ArrayList<>();
        boolean labelled = label != ProbeLabel.ITERATION;
        for (PromptFile.Line line : PromptFile.read(file)) {
            String prompt = line.text("prompt", true), target = line.text("label", labelled);
            if (target == null) target = prompt.substring(prompt.length() - 1); // the iteration probe reads no label; the lens column then goes unused
            if (target.length() != 1) throw new IllegalArgumentException(line.where() + ": \"label\" must be one character, got \"" + target + "\"");
            out.add(new Question(prompt, prompt.length() - 1, target.charAt(0)));
        }
        return out;
    }
}
