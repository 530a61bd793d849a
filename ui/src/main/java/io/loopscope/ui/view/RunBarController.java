package io.loopscope.ui.view;

import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunSpec.InitMode;
import io.loopscope.ui.vm.RunMode;
import io.loopscope.ui.vm.RunViewModel;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * Binds the run bar's controls to {@link RunViewModel}: the Run | Generate switch, and the
 * Generate row (its own controller) only in Generate mode. Run and Cancel go to the coordinator.
 */
public final class RunBarController {
    private final WorkbenchContext ctx;
    private final RunViewModel vm;
    @FXML private ComboBox<ModelRef> modelPicker;
    @FXML private TextField promptField;
    @FXML private Spinner<Integer> iterationsSpinner;
    @FXML private ChoiceBox<InitMode> initChoice;
    @FXML private Label seedLabel, messageLabel;
    @FXML private Spinner<Long> seedSpinner;
    @FXML private Button runButton, cancelButton, openButton;
    @FXML private ProgressBar progressBar;
    @FXML private ToggleButton runModeButton, generateModeButton;
    @FXML private CheckBox layersCheck;
    @FXML private VBox generateBar;
    @FXML private GenerateBarController generateBarController;

    public RunBarController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.run();
    }

    @FXML
    private void initialize() {
        modelPicker.setItems(vm.models());
        modelPicker.valueProperty().bindBidirectional(vm.modelProperty());
        modelPicker.setPromptText("Open a model folder…");
        promptField.textProperty().bindBidirectional(vm.promptProperty());
        promptField.addEventFilter(KeyEvent.KEY_PRESSED, this::promptKeys);

        bind(iterationsSpinner, new SpinnerValueFactory.IntegerSpinnerValueFactory(0, RunViewModel.MAX_ITERATIONS, vm.iterationsProperty().get(), 8),
                vm.iterationsProperty());
        iterationsSpinner.setTooltip(new Tooltip("Loop iterations r: how many times the core block is applied per token (in Generate: the most)"));

        // the mode switch: exactly one of the two is always pressed
        ToggleGroup modes = new ToggleGroup();
        runModeButton.setToggleGroup(modes);
        generateModeButton.setToggleGroup(modes);
        runModeButton.setUserData(RunMode.RUN);
        generateModeButton.setUserData(RunMode.GENERATE);
        runModeButton.setTooltip(new Tooltip("Run: one pass over the prompt, every token R iterations"));
        generateModeButton.setTooltip(new Tooltip("Generate: write an answer token by token, each token thinking until its exit criterion fires"));
        modes.selectToggle(vm.modeProperty().get() == RunMode.GENERATE ? generateModeButton : runModeButton);
        modes.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) modes.selectToggle(was); // a click on the pressed one must not leave neither
            else vm.modeProperty().set((RunMode) now.getUserData());
        });
        vm.modeProperty().addListener((o, a, m) -> modes.selectToggle(m == RunMode.GENERATE ? generateModeButton : runModeButton));
        generateBar.visibleProperty().bind(vm.generating());
        generateBar.managedProperty().bind(vm.generating());
        runButton.textProperty().bind(Bindings.when(vm.generating()).then("Generate").otherwise("Run"));

        initChoice.getItems().setAll(InitMode.values());
        initChoice.valueProperty().bindBidirectional(vm.initProperty());
        initChoice.setTooltip(new Tooltip("How the first state s₀ is made: seeded random (as Huginn) or zeros"));
        seedSpinner.setValueFactory(new LongValueFactory(vm.seedProperty().get()));
        seedSpinner.getValueFactory().valueProperty().addListener((o, a, v) -> { if (v != null) vm.seedProperty().set(v); });
        vm.seedProperty().addListener((o, a, v) -> seedSpinner.getValueFactory().setValue(v.longValue()));
        seedSpinner.disableProperty().bind(vm.seedEnabled().not());
        seedLabel.disableProperty().bind(vm.seedEnabled().not());
        commitOnFocusLoss(seedSpinner);

        layersCheck.selectedProperty().bindBidirectional(vm.layersProperty());
        layersCheck.disableProperty().bind(vm.generating());
        layersCheck.setTooltip(new Tooltip("Also record the output of every core layer at every iteration (layer_states [R, C, S, H]),"
                + " so the Ranks view can read the lenses inside the block. A Run only; the trace grows by C × its states"));

        runButton.disableProperty().bind(vm.canRun().not());
        runButton.setTooltip(new Tooltip("Run or generate (Ctrl+Enter)"));
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        cancelButton.setTooltip(new Tooltip("Cancel (Esc)"));
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.runningProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
    }

    /** An integer spinner that edits property both ways. */
    static void bind(Spinner<Integer> spinner, SpinnerValueFactory.IntegerSpinnerValueFactory values, IntegerProperty property) {
        spinner.setValueFactory(values);
        values.valueProperty().addListener((o, a, v) -> { if (v != null) property.set(v); });
        property.addListener((o, a, v) -> values.setValue(v.intValue()));
        commitOnFocusLoss(spinner);
    }

    /** Spinners only commit typed text on Enter; a click on Run must see what was typed too. */
    static <T> void commitOnFocusLoss(Spinner<T> spinner) {
        spinner.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                try {
                    spinner.commitValue();
                } catch (RuntimeException e) {
                    spinner.cancelEdit(); // unparsable text: back to the last good value
                }
            }
        });
    }

    private void promptKeys(KeyEvent e) {
        if (e.getCode() == KeyCode.UP) {
            vm.historyUp();
            promptField.end();
            e.consume();
        } else if (e.getCode() == KeyCode.DOWN) {
            vm.historyDown();
            promptField.end();
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER && (e.isShortcutDown() || e.isControlDown())) {
            ctx.runner().run();
            e.consume();
        }
    }

    @FXML
    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a model folder (config.json + *.safetensors)");
        File dir = chooser.showDialog(ctx.window());
        if (dir != null) vm.openFolder(dir.toPath());
    }

    @FXML
    private void run() {
        try {
            iterationsSpinner.commitValue();
            seedSpinner.commitValue();
        } catch (RuntimeException e) {
            iterationsSpinner.cancelEdit();
            seedSpinner.cancelEdit();
        }
        generateBarController.commit();
        ctx.runner().run();
    }

    @FXML
    private void cancel() {
        ctx.runner().cancel();
    }

    /** A spinner over longs (JavaFX has none): seeds are 64-bit. */
    static final class LongValueFactory extends SpinnerValueFactory<Long> {
        LongValueFactory(long initial) {
            setConverter(new javafx.util.converter.LongStringConverter());
            setValue(initial);
        }

        @Override
        public void decrement(int steps) {
            setValue(getValue() - steps);
        }

        @Override
        public void increment(int steps) {
            setValue(getValue() + steps);
        }
    }
}
