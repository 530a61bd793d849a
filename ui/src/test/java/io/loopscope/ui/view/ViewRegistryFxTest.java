package io.loopscope.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loopscope.ui.task.SameThreadTaskExecutor;
import io.loopscope.ui.testing.FakeServices;
import io.loopscope.ui.views.ViewType;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's tabs, View menu and shortcut list come from the view registry, in its order. */
@ExtendWith(ApplicationExtension.class)
class ViewRegistryFxTest {
    private WorkbenchContext ctx;

    @Start
    void start(Stage stage) {
        ctx = WorkbenchWindow.open(stage, FakeServices.create(0), new SameThreadTaskExecutor());
    }

    @Test
    void tabsMenuAndShortcutsFollowTheRegistry(FxRobot robot) {
        FxFlows.runPrompt(robot, ctx, "abcdef");
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        List<String> titles = Arrays.stream(ViewType.values()).map(ViewType::title).toList();
        assertEquals(titles, tabs.getTabs().stream().map(t -> t.getText()).toList());
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        var view = bar.getMenus().stream().filter(m -> m.getText().equals("_View")).findFirst().orElseThrow();
        List<MenuItem> items = view.getItems().subList(view.getItems().size() - titles.size(), view.getItems().size());
        assertEquals(titles, items.stream().map(MenuItem::getText).toList());

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        assertEquals(ViewType.METRICS, ctx.workbench().viewProperty().get());
        assertEquals("Metrics", tabs.getSelectionModel().getSelectedItem().getText());
        robot.interact(() -> ctx.workbench().viewProperty().set(ViewType.STEPS));
        assertEquals("Steps per token", tabs.getSelectionModel().getSelectedItem().getText());
        robot.clickOn("Lens");
        assertEquals(ViewType.LENS, ctx.workbench().viewProperty().get());

        String[] views = Arrays.stream(HelpDialogs.SHORTCUTS).filter(r -> r[0].startsWith("Ctrl+1")).findFirst().orElseThrow();
        assertEquals("Ctrl+1 … Ctrl+9", views[0]);
        assertEquals("Trajectories, heatmap, metrics, lens, ranks, waterfall, compare, steps per token, probes", views[1]);
        assertEquals("metricsTab", tabs.getTabs().get(ViewType.METRICS.ordinal()).getId());
    }
}
