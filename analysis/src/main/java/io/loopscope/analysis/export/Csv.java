package io.loopscope.analysis.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 rows: comma separated, CRLF-free "\n" line ends, fields quoted only when they must be. */
public final class Csv {
    private Csv() {
    }

    public static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.write(',');
            out.write(quote(fields.get(i)));
        }
        out.write('\n');
    }

    public static String quote(String field) {
        if (field == null) return "";
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0
                || (!field.isEmpty() && (Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(field.length() - 1))));
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Shortest text that reads back as the same double; empty for NaN (a missing value to pandas and R alike). */
    public static String number(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
