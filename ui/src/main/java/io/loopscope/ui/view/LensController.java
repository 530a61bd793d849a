package io.loopscope.ui.view;

import io.loopscope.ui.engine.LayerLenses;
import io.loopscope.ui.engine.LensKind;
import io.loopscope.ui.task.BackgroundTask;
import io.loopscope.ui.task.TaskExecutor.Lane;
import io.loopscope.ui.task.TaskHandle;
import io.loopscope.ui.vm.LensViewModel.Request;
import io.loopscope.ui.vm.RanksViewModel.LayerChoice;
import io.loopscope.ui.vm.LensViewModel;
import io.loopscope.ui.vm.LensViewModel.Row;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;

/**
 * The lens table of the focused token (coda lens or logit lens, switched above it): steps down, top-k across, each cell the token and its
 * probability with a bar behind it so confidence reads at a glance. The focused step's row is selected.
 */
public final class LensController {
    private final LensViewModel vm;
    private final WorkbenchContext ctx;
    @FXML private TableView<Row> table;
    @FXML private Label title;
    @FXML private ToggleButton codaLens, logitLens;
    @FXML private ChoiceBox<LayerChoice> layerChoice;
    @FXML private Label layerLabel;
    private int columnsFor = -1;
    private TaskHandle reading;

    public LensController(WorkbenchContext ctx) {
        this.ctx = ctx;
        this.vm = ctx.workbench().lens();
    }

    @FXML
    private void initialize() {
        table.setId("lensTable");
        title.textProperty().bind(vm.titleProperty());
        bindLensSwitch();
        bindLayerChoice();
        table.setPlaceholder(new Label("Run a prompt and select a token to see what it would predict at every step."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // widths are bound below
        vm.rowsProperty().addListener((o, a, rows) -> {
            if (vm.topK() != columnsFor) buildColumns(vm.topK());
            table.setItems(FXCollections.observableArrayList(rows));
            focusStep();
        });
        vm.selection().stepProperty().addListener(o -> focusStep());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null && row.step() != vm.selection().stepProperty().get()) vm.selection().stepProperty().set(row.step());
        });
    }

    /** Two toggles for one property: a pressed toggle stays pressed, the logit lens only when the run recorded it. */
    private void bindLensSwitch() {
        ToggleGroup group = new ToggleGroup();
        codaLens.setToggleGroup(group);
        logitLens.setToggleGroup(group);
        codaLens.setUserData(LensKind.CODA);
        logitLens.setUserData(LensKind.LOGIT);
        codaLens.setTooltip(new Tooltip(LensKind.CODA.path()));
        logitLens.setTooltip(new Tooltip(LensKind.LOGIT.path() + " (recorded by trace unless --no-logit-lens)"));
        logitLens.disableProperty().bind(vm.hasLogitLensProperty().not());
        Runnable show = () -> group.selectToggle(vm.kindProperty().get() == LensKind.LOGIT && vm.hasLogitLensProperty().get() ? logitLens : codaLens);
        show.run();
        vm.kindProperty().addListener(o -> show.run());
        vm.hasLogitLensProperty().addListener(o -> show.run());
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) group.selectToggle(was);                      // clicking the pressed one keeps it
            else vm.kindProperty().set((LensKind) now.getUserData());
        });
    }

    /** Where the lens reads, as in the Ranks view; off for a run without recorded layers. */
    private void bindLayerChoice() {
        layerChoice.setId("lensLayerChoice");
        layerChoice.getItems().setAll(vm.layersProperty().get());
        Runnable show = () -> layerChoice.setValue(layerChoice.getItems().stream().filter(c -> c.layer() == vm.layerProperty().get())
                .findFirst().orElse(layerChoice.getItems().isEmpty() ? null : layerChoice.getItems().getFirst()));
        show.run();
        vm.layersProperty().addListener((o, a, list) -> {
            layerChoice.getItems().setAll(list);
            show.run();
        });
        vm.layerProperty().addListener(o -> show.run());
        layerChoice.valueProperty().addListener((o, a, c) -> {
            if (c != null && c.layer() != vm.layerProperty().get()) vm.layerProperty().set(c.layer());
        });
        layerChoice.disableProperty().bind(vm.hasLayersProperty().not());
        layerLabel.disableProperty().bind(vm.hasLayersProperty().not());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(javafx.beans.binding.Bindings.when(vm.hasLayersProperty())
                .then("Where in the loop both lenses read: the state after each iteration, or the output of a core layer")
                .otherwise("This run recorded the block output only: turn on \u201crecord layers\u201d in the run bar to read the lens inside the block"));
        layerChoice.setTooltip(tip);
        vm.requestProperty().addListener((o, a, q) -> read(q));
        read(vm.request());
    }

    private void read(Request q) {
        if (reading != null && reading.isActive()) reading.cancel();
        reading = null;
        if (q == null) return;
        reading = ctx.tasks().execute(Lane.RUN, BackgroundTask.<LayerLenses>of(p -> q.run().layerLenses(q.layer(), p::isCancelled))
                .onSuccess(l -> vm.loaded(q, l))
                .onFailure(t -> vm.failed(q, ErrorDialog.message(t))));
    }

    private void focusStep() {
        int s = vm.selection().stepProperty().get();
        if (s >= 0 && s < table.getItems().size()) {
            table.getSelectionModel().select(s);
            table.scrollTo(Math.max(0, s - 3));
        }
    }

    private void buildColumns(int k) {
        columnsFor = k;
        table.getColumns().clear();
        TableColumn<Row, Number> step = new TableColumn<>("step");
        step.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().step()));
        step.setPrefWidth(56);
        step.setMaxWidth(70);
        table.getColumns().add(step);
        for (int j = 0; j < k; j++) {
            int col = j;
            TableColumn<Row, Row> c = new TableColumn<>("top " + (j + 1));
            c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(x.getValue()));
            c.setCellFactory(x -> new ProbCell(col));
            // the top-k columns share what step, entropy and KL leave (constrained policies gave top 1 it all)
            c.prefWidthProperty().bind(table.widthProperty().subtract(56 + 2 * 120 + 20).divide(k));
            c.setMinWidth(90);
            c.setSortable(false);
            table.getColumns().add(c);
        }
        table.getColumns().add(number("entropy (nats)", Row::entropy));
        table.getColumns().add(number("KL to previous", Row::kl));
    }

    private static TableColumn<Row, String> number(String name, java.util.function.ToDoubleFunction<Row> f) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(String.format(Locale.ROOT, "%.3g", f.applyAsDouble(x.getValue()))));
        c.setPrefWidth(120);
        c.setSortable(false);
        return c;
    }

    /** "token  0.82" over a bar as wide as the probability. */
    private static final class ProbCell extends TableCell<Row, Row> {
        private final int column;

        ProbCell(int column) {
            this.column = column;
            getStyleClass().add("prob-cell");
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setStyle("");
                return;
            }
            double p = row.probs()[column];
            setText(String.format(Locale.ROOT, "%s   %.2f", row.tokens().get(column), p));
            int pct = (int) Math.round(100 * Math.max(0, Math.min(1, p)));
            // the bar is a gradient with a hard stop: no extra nodes per cell, cheap for long tables
            setStyle("-fx-background-color: linear-gradient(to right, -lens-bar " + pct + "%, transparent " + pct + "%);");
        }
    }
}
