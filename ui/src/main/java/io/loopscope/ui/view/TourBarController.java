package io.loopscope.ui.view;

import io.loopscope.ui.vm.TourViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The guided tour's bar above the token strip: the step's text, Back, Next and Close. */
public final class TourBarController {
    private final TourViewModel vm;
    @FXML private HBox tourBar;
    @FXML private Label tourPosition, tourText;
    @FXML private Button tourBack, tourNext;

    public TourBarController(WorkbenchContext ctx) {
        this.vm = ctx.tour();
    }

    @FXML
    private void initialize() {
        tourBar.visibleProperty().bind(vm.activeProperty());
        tourBar.managedProperty().bind(vm.activeProperty());
        tourPosition.textProperty().bind(vm.positionProperty());
        tourText.textProperty().bind(vm.textProperty());
        tourBack.disableProperty().bind(vm.canBack().not());
        tourNext.disableProperty().bind(vm.canNext().not());
    }

    @FXML private void back() { vm.back(); }
    @FXML private void next() { vm.next(); }
    @FXML private void close() { vm.close(); }
}
