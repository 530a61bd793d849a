package io.loopscope.ui.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Tick labels of a log axis as a person writes them: plain near one (0.06, 1, 20), powers of ten far
 * from it (1e-5, 2.5e-7). Written by hand because a DecimalFormat has one style for all values:
 * "0.#E0" turns 0.063 into "6.3E-2", and a plain pattern turns 1e-7 into "0".
 */
public final class LogTickFormat extends NumberFormat {

    @Override
    public StringBuffer format(double value, StringBuffer to, FieldPosition pos) {
        double a = Math.abs(value);
        if (a == 0) return to.append('0');
        if (!Double.isFinite(value)) return to.append(value); // "NaN", "Infinity": never a tick, but never a crash either
        if (a >= 1e-3 && a < 1e4) {
            return to.append(new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString());
        }
        String[] parts = String.format(Locale.ROOT, "%.1e", value).split("e"); // "2.5e-07"
        String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
        return to.append(mantissa).append('e').append(Integer.parseInt(parts[1]));
    }

    @Override
    public StringBuffer format(long value, StringBuffer to, FieldPosition pos) {
        return format((double) value, to, pos);
    }

    /** Labels are only written, never read back. */
    @Override
    public Number parse(String source, ParsePosition pos) {
        return null;
    }
}
