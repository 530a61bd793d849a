package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void withoutATerminalProgressGoesToTheLogAsPlainLines() {
        StringWriter log = new StringWriter();
        try (Progress p = Progress.start("train", 10, false, new PrintWriter(log, true))) {
            p.stepTo(5);
            p.extra("loss 1.234");
        }
        assertTrue(log.toString().contains("train") && log.toString().contains("5/10") && log.toString().contains("loss 1.234"), log.toString());
        assertTrue(log.toString().lines().allMatch(l -> !l.contains("\r")), "no carriage returns in a log");
    }

    @Test
    void aResumedBarEstimatesTheTimeLeftFromThisRunsPace() throws InterruptedException {
        StringWriter log = new StringWriter();
        try (Progress p = Progress.start("train", 10_000, 9_000, false, new PrintWriter(log, true))) {
            Thread.sleep(100);
            p.stepTo(9_001); // one step in >= 100 ms: 999 more take >= 99 s (counting 9001 steps done: < 1 s)
        }
        String last = log.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        Matcher eta = Pattern.compile("9001/10000 \\(\\d+:\\d\\d:\\d\\d / (\\d+):(\\d\\d):(\\d\\d)\\)").matcher(last);
        assertTrue(eta.find(), last);
        long seconds = Long.parseLong(eta.group(1)) * 3600 + Long.parseLong(eta.group(2)) * 60 + Long.parseLong(eta.group(3));
        assertTrue(seconds >= 90, "time left " + seconds + " s in: " + last);
    }

    @Test
    void quietMeansSilent() {
        StringWriter log = new StringWriter();
        try (Progress p = Progress.start("train", 10, true, new PrintWriter(log, true))) {
            p.stepTo(5);
        }
        assertEquals("", log.toString());
    }
}
