package io.loopscope.app;

import io.loopscope.inference.exit.ExitCriterion;
import picocli.CommandLine;

/** --exit CRITERION[=THRESHOLD]: a criterion by name, with its own default threshold when none is given. */
record ExitOption(ExitCriterion criterion, double threshold) {

    static ExitOption parse(String value) {
        String text = value.trim();
        int eq = text.indexOf('=');
        ExitCriterion criterion = ExitCriterion.byId(eq < 0 ? text : text.substring(0, eq));
        if (eq < 0) return new ExitOption(criterion, criterion.defaultThreshold());
        if (criterion == ExitCriterion.NONE) throw new IllegalArgumentException("--exit none takes no threshold, got '" + value + "'");
        String number = text.substring(eq + 1).trim();
        double threshold;
        try {
            threshold = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the threshold in --exit " + value + " is not a number: '" + number + "'");
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the threshold in --exit " + value + " must be a positive number, got " + number);
        }
        return new ExitOption(criterion, threshold);
    }

    static final class Converter implements CommandLine.ITypeConverter<ExitOption> {
        @Override
        public ExitOption convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
