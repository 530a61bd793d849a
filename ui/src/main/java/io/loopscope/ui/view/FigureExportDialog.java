package io.loopscope.ui.view;

import io.loopscope.ui.figure.FigureFormat;
import io.loopscope.ui.figure.FigureWriter;
import io.loopscope.ui.vm.FigureExportViewModel;
import io.loopscope.ui.vm.FigureExportViewModel.Request;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The export dialog (FigureExport.fxml): one figure — a file, its format and size — or the figure set
 * — a folder and the formats; PNG resolution in both. Its fields are bound to a
 * {@link FigureExportViewModel}, which validates; an invalid choice keeps the dialog open with the
 * reason under the fields.
 */
public final class FigureExportDialog {
    private final FigureExportViewModel vm;
    private final boolean set;
    private final Window owner;
    @FXML private TextField targetField;
    @FXML private Label targetLabel, formatLabel, sizeLabel, errorLabel;
    @FXML private HBox sizeBox;
    @FXML private ChoiceBox<FigureFormat> formatChoice;
    @FXML private CheckBox pngCheck, svgCheck, pdfCheck;
    @FXML private Spinner<Integer> widthSpinner, heightSpinner, dpiSpinner;

    private FigureExportDialog(FigureExportViewModel vm, boolean set, Window owner) {
        this.vm = vm;
        this.set = set;
        this.owner = owner;
    }

    /** Asks for a single figure's file, format and size; empty when cancelled. */
    public static Optional<Request> single(Window owner, FigureExportViewModel vm, String what) {
        return new FigureExportDialog(vm, false, owner).show("Export " + what);
    }

    /** Asks for the figure set's folder and formats; empty when cancelled. */
    public static Optional<Request> set(Window owner, FigureExportViewModel vm) {
        return new FigureExportDialog(vm, true, owner).show("Export the figure set (paper layout)");
    }

    private Optional<Request> show(String title) {
        FXMLLoader loader = new FXMLLoader(getClass().getResource("/io/loopscope/ui/FigureExport.fxml"));
        loader.setController(this);
        GridPane content;
        try {
            content = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the export dialog could not be loaded", e);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) dialog.initOwner(owner);
        dialog.setTitle("LoopScope — " + title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.getDialogPane().setId("figureExportDialog");
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("exportOkButton");
        Request[] result = new Request[1];
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            commitSpinners();
            try {
                result[0] = set ? vm.set() : vm.single();
            } catch (IllegalArgumentException ex) {
                errorLabel.setText(ex.getMessage());
                e.consume(); // stay open so the user can fix it
            }
        });
        Optional<ButtonType> button = dialog.showAndWait();
        return button.isPresent() && button.get() == ButtonType.OK ? Optional.ofNullable(result[0]) : Optional.empty();
    }

    @FXML
    private void initialize() {
        targetField.setId("exportTarget");
        targetField.textProperty().bindBidirectional(vm.targetProperty());
        targetField.textProperty().addListener((o, a, t) -> vm.targetTyped(t));
        targetLabel.setText(set ? "Folder" : "File");
        formatChoice.getItems().setAll(FigureFormat.values());
        formatChoice.valueProperty().bindBidirectional(vm.formatProperty());
        formatChoice.valueProperty().addListener((o, a, f) -> {
            // the file name follows the chosen format
            String t = vm.targetProperty().get();
            if (f != null && a != null && t.endsWith("." + a.extension())) {
                vm.targetProperty().set(t.substring(0, t.length() - a.extension().length()) + f.extension());
            }
        });
        pngCheck.selectedProperty().bindBidirectional(vm.pngProperty());
        svgCheck.selectedProperty().bindBidirectional(vm.svgProperty());
        pdfCheck.selectedProperty().bindBidirectional(vm.pdfProperty());
        for (Node n : new Node[] {pngCheck, svgCheck, pdfCheck}) n.setVisible(set);
        for (Node n : new Node[] {pngCheck, svgCheck, pdfCheck}) n.setManaged(set);
        formatChoice.setVisible(!set);
        formatChoice.setManaged(!set);
        formatLabel.setText(set ? "Formats" : "Format");
        for (Node n : new Node[] {sizeLabel, sizeBox}) {
            n.setVisible(!set);
            n.setManaged(!set);
        }
        bind(widthSpinner, 72, 7200, vm.widthProperty(), 36);
        bind(heightSpinner, 72, 7200, vm.heightProperty(), 36);
        bind(dpiSpinner, FigureWriter.MIN_DPI, FigureWriter.MAX_DPI, vm.dpiProperty(), 50);
        dpiSpinner.setId("exportDpi");
    }

    private static void bind(Spinner<Integer> spinner, int min, int max, javafx.beans.property.IntegerProperty p, int step) {
        IntegerSpinnerValueFactory f = new IntegerSpinnerValueFactory(min, max, Math.max(min, Math.min(max, p.get())), step);
        spinner.setValueFactory(f);
        f.valueProperty().addListener((o, a, v) -> { if (v != null) p.set(v); });
    }

    private void commitSpinners() {
        for (Spinner<Integer> s : java.util.List.of(widthSpinner, heightSpinner, dpiSpinner)) {
            try {
                s.commitValue();
            } catch (RuntimeException e) {
                s.cancelEdit();
            }
        }
    }

    @FXML
    private void browse() {
        Path current = currentPath();
        if (set) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the figure set");
            if (current != null && current.toFile().isDirectory()) chooser.setInitialDirectory(current.toFile());
            File dir = chooser.showDialog(owner);
            if (dir != null) vm.targetProperty().set(dir.getPath());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the figure as");
            for (FigureFormat f : FigureFormat.values()) {
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), "*." + f.extension()));
            }
            if (current != null) {
                if (current.getParent() != null && current.getParent().toFile().isDirectory()) chooser.setInitialDirectory(current.getParent().toFile());
                chooser.setInitialFileName(current.getFileName().toString());
            }
            File file = chooser.showSaveDialog(owner);
            if (file != null) vm.targetProperty().set(file.getPath());
        }
    }

    private Path currentPath() {
        try {
            String t = vm.targetProperty().get();
            return t == null || t.isBlank() ? null : Path.of(t);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
