package io.loopscope.analysis.compare;

import io.loopscope.analysis.batch.BatchJob;
import io.loopscope.analysis.batch.BatchPrompt;
import io.loopscope.analysis.batch.BatchSettings;
import io.loopscope.analysis.batch.TaskPrompts;
import io.loopscope.inference.ModelHandle;
import io.loopscope.inference.tasks.EvalReport;
import io.loopscope.inference.tasks.Evaluator;
import io.loopscope.inference.tasks.Tasks;
import io.loopscope.inference.tokenizer.Tokenizer;
import io.loopscope.inference.trace.TraceRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The comparison the SLR proposal asks for, one model at a time: accuracy against loop iterations
 * far past training ({@link Evaluator}, as {@code loopscope eval} measures it), then a census of the
 * same task prompts at the largest r ({@link BatchJob}, as {@code loopscope batch} runs each prompt)
 * — motif counts, the fixed points' contraction ratios and the KL exit steps.
 */
public final class ModelComparison {

    private ModelComparison() {
    }

    /**
     * r = 1, 2, 4, … up to {@link ComparisonSettings#FAR}·r̄, with r̄ and FAR·r̄ themselves when they are no
     * powers of two (the table reads accuracy at both).
     */
    public static int[] recurrences(int meanRecurrence) {
        if (meanRecurrence < 1) throw new IllegalArgumentException("the mean recurrence must be >= 1, got " + meanRecurrence);
        long far = (long) ComparisonSettings.FAR * meanRecurrence;
        if (far > TraceRequest.DEFAULT_MAX_ITERATIONS) {
            throw new IllegalArgumentException("a mean recurrence of " + meanRecurrence + " puts " + ComparisonSettings.FAR + "× at " + far
                    + " iterations, past the limit of " + TraceRequest.DEFAULT_MAX_ITERATIONS);
        }
        TreeSet<Integer> rs = new TreeSet<>();
        for (int r = 1; r <= far; r *= 2) rs.add(r);
        rs.add(meanRecurrence);
        rs.add((int) far);
        return rs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The census's prompts: every task's training and harder difficulties, censusSamples each, one category per range. */
    public static List<BatchPrompt> censusPrompts(ComparisonSettings settings) {
        return TaskPrompts.of(Tasks.all(), null, TaskPrompts.Grouping.RANGE, settings.censusSamples(), ComparisonSettings.CENSUS_SEED);
    }

    /** Units of work per model for a progress bar: one per eval example and one per census prompt. */
    public static long work(ComparisonSettings settings) {
        return 2L * settings.samples() * Tasks.all().size() + censusPrompts(settings).size();
    }

    /**
     * Checks, before any long work, that model can run the comparison: a tokenizer that spells every
     * census prompt, and a mean recurrence whose far end is within the iteration limit.
     */
    public static void requireRunnable(String name, ModelHandle model, ComparisonSettings settings) {
        Tokenizer tokenizer = tokenizer(name, model);
        recurrences(model.model().defaultIterations());
        for (BatchPrompt p : censusPrompts(settings)) {
            try {
                tokenizer.encode(p.prompt());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model " + name + " cannot read the task prompt \"" + p.prompt() + "\": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs the sweep and the census on one model.
     *
     * @param progress told 1 per eval example and per census prompt done ({@link #work} in all)
     * @throws CancellationException when cancelled turns true
     */
    public static ModelResult run(String name, ModelHandle model, ComparisonSettings settings, IntConsumer progress, BooleanSupplier cancelled) {
        Tokenizer tokenizer = tokenizer(name, model);
        int mean = model.model().defaultIterations();
        int[] rs = recurrences(mean);
        EvalReport eval = new Evaluator(model.model(), tokenizer).evaluate(Tasks.all(), settings.samples(), rs, progress, cancelled);
        int far = rs[rs.length - 1];
        List<BatchPrompt> prompts = censusPrompts(settings);
        BatchSettings census = new BatchSettings(far, ComparisonSettings.EXIT.id(), ComparisonSettings.EXIT_THRESHOLD, 0,
                ComparisonSettings.CENSUS_SEED, false);
        // Prompts are independent and BatchJob is a pure function of them, so they run one per core;
        // each keeps only its census rows (the trace is dropped as soon as they are read off it).
        List<List<CensusRow>> perPrompt = IntStream.range(0, prompts.size()).parallel().mapToObj(i -> {
            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
            List<CensusRow> rows = CensusRow.of(BatchJob.run(model, prompts.get(i), census), ComparisonSettings.EXIT.id());
            synchronized (progress) {
                progress.accept(1);
            }
            return rows;
        }).toList();
        List<CensusRow> all = new ArrayList<>();
        Map<String, List<CensusRow>> byCategory = new LinkedHashMap<>();
        for (List<CensusRow> rows : perPrompt) {
            all.addAll(rows);
            for (CensusRow r : rows) byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Census> categories = new LinkedHashMap<>();
        byCategory.forEach((category, rows) -> categories.put(category, Census.of(rows)));
        return new ModelResult(name, model.model().family(), stabilisers(model), mean, AccuracyCurves.of(eval), far, prompts.size(),
                Census.of(all), categories);
    }

    private static Tokenizer tokenizer(String name, ModelHandle model) {
        return model.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "model " + name + " has no tokenizer.json; compare-models needs one to encode the task prompts"));
    }

    /** The stabilisers the model's run description lists (SLR only). */
    private static List<String> stabilisers(ModelHandle model) {
        Object s = model.model().summary().get("stabilisers");
        if (!(s instanceof List<?> list)) return List.of();
        return list.stream().map(String::valueOf).toList();
    }
}
