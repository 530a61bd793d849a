package io.loopscope.ui.view;

import io.loopscope.ui.vm.MotifCardViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The motif card of the focused token: label, one plain sentence, and the evidence lines. */
public final class MotifCardController {
    private final MotifCardViewModel vm;
    @FXML private Label tokenLabel, motifLabel, headlineLabel;
    @FXML private VBox evidenceBox;
    @FXML private Circle motifDot;

    public MotifCardController(WorkbenchContext ctx) {
        this.vm = ctx.workbench().motifCard();
    }

    @FXML
    private void initialize() {
        tokenLabel.textProperty().bind(vm.tokenProperty());
        motifLabel.textProperty().bind(vm.labelProperty());
        motifLabel.setId("motifLabel");
        headlineLabel.textProperty().bind(vm.headlineProperty());
        motifDot.fillProperty().bind(vm.colourProperty());
        vm.evidenceProperty().addListener((o, a, lines) -> {
            evidenceBox.getChildren().clear();
            for (String line : lines) {
                Label l = new Label("• " + line);
                l.setWrapText(true);
                l.getStyleClass().add("evidence-line");
                evidenceBox.getChildren().add(l);
            }
        });
    }
}
