package io.loopscope.ui.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void clickCtrlAndShiftBehaveLikeAFileList() {
        Selection s = new Selection();
        s.reset(10, 32, List.of(9));
        assertEquals(32, s.stepProperty().get(), "a new run shows the last step");
        s.click(2, false, false);
        assertEquals(List.of(2), s.tokens());
        s.click(5, true, false);
        assertEquals(List.of(2, 5), s.tokens());
        assertEquals(5, s.focus());
        s.click(2, true, false);
        assertEquals(List.of(5), s.tokens(), "ctrl-click removes");
        s.click(5, true, false);
        assertEquals(List.of(5), s.tokens(), "the last token cannot be removed");
        s.click(8, false, true);
        assertEquals(List.of(5, 6, 7, 8), s.tokens(), "shift selects the range from the anchor");
        s.click(3, false, true);
        assertEquals(List.of(3, 4, 5), s.tokens());
        s.click(12, false, false);
        assertEquals(List.of(3, 4, 5), s.tokens(), "out of range is ignored");
    }
}
