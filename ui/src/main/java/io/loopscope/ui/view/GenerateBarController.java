package io.loopscope.ui.view;

import io.loopscope.inference.exit.ExitCriterion;
import io.loopscope.inference.model.KvSharing;
import io.loopscope.ui.vm.GenerateSettingsViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** Binds the Generate mode's row of the run bar to {@link GenerateSettingsViewModel}; what is wrong is said beside it as it is typed. */
public final class GenerateBarController {
    /** Enough for any context this workbench can show; the engine says how many fit the model. */
    private static final int MAX_NEW_TOKENS = 4096;
    private final WorkbenchContext ctx;
    private final GenerateSettingsViewModel vm;
    @FXML private Spinner<Integer> maxNewSpinner, topKSpinner;
    @FXML private Spinner<Long> sampleSeedSpinner;
    @FXML private ChoiceBox<ExitCriterion> exitChoice;
    @FXML private ChoiceBox<KvSharing> sharingChoice;
    @FXML private TextField thresholdField, stopField, temperatureField, topPField, minPField;
    @FXML private CheckBox warmStartCheck, sampleCheck;
    @FXML private Label thresholdLabel, problemLabel;
    @FXML private HBox samplingBox;

    public GenerateBarController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.run().generate();
    }

    @FXML
    private void initialize() {
        RunBarController.bind(maxNewSpinner, new SpinnerValueFactory.IntegerSpinnerValueFactory(1, MAX_NEW_TOKENS, vm.maxNewTokensProperty().get()),
                vm.maxNewTokensProperty());
        maxNewSpinner.setTooltip(new Tooltip("The most tokens to generate; end tokens and stop strings may end it sooner"));
        exitChoice.getItems().setAll(ExitCriterion.values());
        exitChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExitCriterion c) {
                return c == null ? "" : c.id();
            }

            @Override
            public ExitCriterion fromString(String s) {
                return ExitCriterion.byId(s);
            }
        });
        exitChoice.valueProperty().bindBidirectional(vm.criterionProperty());
        exitChoice.setTooltip(new Tooltip("When a generated token stops thinking (checked after every iteration); none: always R"));
        thresholdField.textProperty().bindBidirectional(vm.thresholdProperty());
        thresholdField.disableProperty().bind(vm.thresholdEnabled().not());
        thresholdLabel.disableProperty().bind(vm.thresholdEnabled().not());
        sharingChoice.getItems().setAll(KvSharing.values());
        sharingChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(KvSharing s) {
                return s == null ? "" : s.id();
            }

            @Override
            public KvSharing fromString(String s) {
                return KvSharing.byId(s);
            }
        });
        sharingChoice.valueProperty().bindBidirectional(vm.sharingProperty());
        sharingChoice.setTooltip(new Tooltip("What a token sees of an earlier one that stopped sooner: its K/V at its last step (latest), or nothing (skip)"));
        warmStartCheck.selectedProperty().bindBidirectional(vm.warmStartProperty());
        warmStartCheck.setTooltip(new Tooltip("Start each generated token from the previous token's final state instead of a fresh s₀"));
        stopField.textProperty().bindBidirectional(vm.stopsProperty());
        stopField.setTooltip(new Tooltip("Stop once the generated text contains one of these; separate them with |, write \\| for a |"));

        sampleCheck.selectedProperty().bindBidirectional(vm.sampleProperty());
        sampleCheck.setTooltip(new Tooltip("Draw the next token at random (seeded, so it repeats); unticked: always the most probable"));
        samplingBox.disableProperty().bind(vm.sampleProperty().not());
        temperatureField.textProperty().bindBidirectional(vm.temperatureProperty());
        topPField.textProperty().bindBidirectional(vm.topPProperty());
        minPField.textProperty().bindBidirectional(vm.minPProperty());
        RunBarController.bind(topKSpinner, new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 1 << 20, vm.topKProperty().get()), vm.topKProperty());
        topKSpinner.setTooltip(new Tooltip("Draw among the k most probable tokens (0: all)"));
        sampleSeedSpinner.setValueFactory(new RunBarController.LongValueFactory(vm.sampleSeedProperty().get()));
        sampleSeedSpinner.getValueFactory().valueProperty().addListener((o, a, v) -> { if (v != null) vm.sampleSeedProperty().set(v); });
        vm.sampleSeedProperty().addListener((o, a, v) -> sampleSeedSpinner.getValueFactory().setValue(v.longValue()));
        RunBarController.commitOnFocusLoss(sampleSeedSpinner);
        problemLabel.textProperty().bind(ctx.run().problemProperty());
        problemLabel.setId("generateProblem");
    }

    /** Typed spinner text is committed before a run reads the values (Run pressed while a spinner has focus). */
    void commit() {
        for (Spinner<?> s : new Spinner<?>[] {maxNewSpinner, topKSpinner, sampleSeedSpinner}) {
            try {
                s.commitValue();
            } catch (RuntimeException e) {
                s.cancelEdit();
            }
        }
    }
}
