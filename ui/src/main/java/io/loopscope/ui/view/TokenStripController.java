package io.loopscope.ui.view;

import io.loopscope.ui.colour.Colours;
import io.loopscope.ui.vm.TokenStripViewModel;
import io.loopscope.ui.vm.TokenStripViewModel.Chip;
import io.loopscope.ui.vm.TokenStripViewModel.Colouring;
import io.loopscope.ui.vm.TokenStripViewModel.Kind;
import io.loopscope.ui.vm.TokenStripViewModel.LegendEntry;
import java.util.ArrayList;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The token chips and their legend; clicks go to the selection through the view model. A
 * generation's answer follows an arrow, and its summary line sits under the chips.
 */
public final class TokenStripController {
    private final TokenStripViewModel vm;
    @FXML private FlowPane tokenStrip;
    @FXML private HBox legendBox;
    @FXML private ChoiceBox<Colouring> colouringChoice;
    @FXML private Label summaryLabel;

    public TokenStripController(WorkbenchContext ctx) {
        this.vm = ctx.workbench().tokenStrip();
    }

    @FXML
    private void initialize() {
        colouringChoice.getItems().setAll(Colouring.values());
        colouringChoice.valueProperty().bindBidirectional(vm.colouringProperty());
        vm.chipsProperty().addListener((o, a, chips) -> showChips(chips));
        vm.legendProperty().addListener((o, a, legend) -> showLegend(legend));
        summaryLabel.setId("generationSummary");
        summaryLabel.textProperty().bind(vm.summaryProperty());
        summaryLabel.visibleProperty().bind(vm.summaryProperty().isNotEmpty());
        summaryLabel.managedProperty().bind(summaryLabel.visibleProperty());
        Label empty = new Label("The prompt's tokens appear here after a run.");
        empty.getStyleClass().add("hint");
        tokenStrip.getChildren().setAll(empty);
    }

    private void showChips(List<Chip> chips) {
        List<Node> nodes = new ArrayList<>(chips.size() + 1);
        Kind previous = null;
        for (Chip c : chips) {
            if (previous == Kind.PROMPT && c.kind() != Kind.PROMPT) {
                Label arrow = new Label("→");
                arrow.getStyleClass().add("answer-arrow");
                nodes.add(arrow); // where the prompt ends and the answer begins
            }
            previous = c.kind();
            Label chip = new Label(c.text());
            chip.setId("chip-" + c.index());
            chip.getStyleClass().add("token-chip");
            if (c.selected()) chip.getStyleClass().add("selected");
            if (c.focused()) chip.getStyleClass().add("focused");
            if (c.kind() == Kind.GENERATED) chip.getStyleClass().add("generated");
            if (c.kind() == Kind.LAST) chip.getStyleClass().add("last");
            if (c.live()) chip.getStyleClass().add("live");
            // colour is data, not theme: set inline; the text colour follows the chip for contrast
            chip.setStyle("-fx-background-color: " + Colours.css(c.colour()) + "; -fx-text-fill: "
                    + Colours.css(Colours.textOn(c.colour())) + ";");
            Tooltip tip = new Tooltip(c.tooltip());
            tip.setShowDelay(Duration.millis(250));
            chip.setTooltip(tip);
            if (c.selectable()) chip.setOnMouseClicked(e -> vm.click(c.index(), e.isShortcutDown() || e.isControlDown(), e.isShiftDown()));
            nodes.add(chip);
        }
        tokenStrip.getChildren().setAll(nodes);
    }

    private void showLegend(List<LegendEntry> legend) {
        List<Node> nodes = new ArrayList<>();
        for (LegendEntry e : legend) {
            if (e.colour() == null) {
                Label heading = new Label(e.label());
                heading.getStyleClass().add("legend-heading");
                nodes.add(heading);
                continue;
            }
            Rectangle swatch = new Rectangle(12, 12, e.colour());
            swatch.getStyleClass().add("legend-swatch");
            Label l = new Label(e.label(), swatch);
            l.getStyleClass().add("legend-label");
            nodes.add(l);
        }
        legendBox.getChildren().setAll(nodes);
    }
}
