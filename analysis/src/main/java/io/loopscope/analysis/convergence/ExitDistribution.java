package io.loopscope.analysis.convergence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How exit steps of one criterion spread over tokens (of one trace, or of many traces pooled).
 *
 * @param tokens  tokens counted
 * @param never   tokens for which the criterion never fired
 * @param counts  exit step → number of tokens exiting there
 * @param mean    mean exit step of the tokens that exited, or null if none did
 * @param median  median of the same, or null
 */
public record ExitDistribution(int tokens, int never, SortedMap<Integer, Integer> counts, Double mean, Double median) {
    public ExitDistribution {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
        int sum = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (sum + never != tokens) throw new IllegalArgumentException("counts (" + sum + ") + never (" + never + ") != tokens (" + tokens + ")");
    }

    /** From exit steps, null meaning "never". */
    public static ExitDistribution of(List<Integer> steps) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        List<Integer> exited = new ArrayList<>();
        int never = 0;
        for (Integer s : steps) {
            if (s == null) {
                never++;
            } else {
                counts.merge(s, 1, Integer::sum);
                exited.add(s);
            }
        }
        Double mean = exited.isEmpty() ? null : exited.stream().mapToInt(Integer::intValue).average().orElseThrow();
        Double median = null;
        if (!exited.isEmpty()) {
            Collections.sort(exited);
            int n = exited.size();
            median = n % 2 == 1 ? exited.get(n / 2) : (exited.get(n / 2 - 1) + exited.get(n / 2)) / 2.0;
        }
        return new ExitDistribution(steps.size(), never, counts, mean, median);
    }
}
