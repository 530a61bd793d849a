package io.loopscope.ui.view;

import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.demo.ExamplePrompts.Example;
import io.loopscope.ui.vm.StartViewModel;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The start panel over the views while no run is loaded: demos, example prompts, a model folder — each one click. */
public final class StartPanelController {
    private final StartViewModel vm;
    @FXML private ScrollPane startPanel;
    @FXML private Label startLead;
    @FXML private VBox demoColumn, demoList, exampleColumn, exampleList;

    public StartPanelController(WorkbenchContext ctx) {
        this.vm = ctx.start();
    }

    @FXML
    private void initialize() {
        startPanel.visibleProperty().bind(vm.visible());
        startLead.setText(vm.lead());
        vm.demosProperty().addListener((o, a, d) -> showDemos());
        vm.examplesProperty().addListener((o, a, e) -> showExamples());
        showDemos();
        showExamples();
    }

    private void showDemos() {
        demoList.getChildren().setAll(vm.demos().stream().map(this::demoButton).toList());
        show(demoColumn, !vm.demos().isEmpty());
    }

    private void showExamples() {
        exampleList.getChildren().setAll(vm.examples().stream().map(this::exampleButton).toList());
        show(exampleColumn, !vm.examples().isEmpty());
    }

    private static void show(VBox column, boolean any) {
        column.setVisible(any);
        column.setManaged(any);
    }

    private Button demoButton(Demo d) {
        Button b = item("startDemo-" + d.id());
        b.setText(d.title());
        b.setTooltip(tip(d.lookAt()));
        b.setOnAction(e -> vm.startDemo(d));
        return b;
    }

    private Button exampleButton(Example ex) {
        Button b = item("startExample-" + ex.task());
        Label task = new Label(ex.task());
        task.getStyleClass().add("start-task");
        task.setMinWidth(52);
        Label prompt = new Label(ex.prompt());
        prompt.getStyleClass().add("start-prompt");
        prompt.setMinWidth(270); // the longest (a 4-hop chase) in one column with the rest
        Label answer = new Label("→ " + ex.answer() + "   (" + StartViewModel.difficulty(ex) + ")");
        answer.getStyleClass().add("hint");
        HBox row = new HBox(10, task, prompt, answer);
        row.setAlignment(Pos.CENTER_LEFT);
        b.setGraphic(row);
        b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        b.setTooltip(tip("Run \"" + ex.prompt() + "\" on the embedded model; the right answer is " + ex.answer()));
        b.setOnAction(e -> vm.tryExample(ex));
        return b;
    }

    private static Button item(String id) {
        Button b = new Button();
        b.setId(id);
        b.getStyleClass().add("start-item");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        b.setMnemonicParsing(false);
        return b;
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(480);
        return t;
    }

    @FXML
    private void openFolder() {
        vm.openModelFolder();
    }
}
