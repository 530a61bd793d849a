package io.loopscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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
    void quietMeansSilent() {
        StringWriter log = new StringWriter();
        try (Progress p = Progress.start("train", 10, true, new PrintWriter(log, true))) {
            p.stepTo(5);
        }
        assertEquals("", log.toString());
    }
}
