package io.loopscope.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTickFormatTest {
    private final LogTickFormat f = new LogTickFormat();

    @Test
    void plainNearOnePowersOfTenFarFromIt() {
        assertEquals("1", f.format(1.0));
        assertEquals("0.1", f.format(0.1));
        assertEquals("0.063", f.format(0.0630957));
        assertEquals("20", f.format(20.0));
        assertEquals("0.001", f.format(1e-3));
        assertEquals("1e-5", f.format(1e-5));
        assertEquals("2.5e-7", f.format(2.5e-7));
        assertEquals("1e-12", f.format(1e-12));
        assertEquals("3e4", f.format(3e4));
        assertEquals("0", f.format(0.0));
        assertEquals("NaN", f.format(Double.NaN), "a non-finite value is written, not a crash");
    }
}
