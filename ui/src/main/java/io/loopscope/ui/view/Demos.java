package io.loopscope.ui.view;

import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.demo.DemoCatalog;
import io.loopscope.ui.demo.DemoRuns;
import io.loopscope.ui.demo.ExamplePrompts;
import io.loopscope.ui.task.BackgroundTask;
import io.loopscope.ui.task.TaskExecutor.Lane;
import io.loopscope.ui.vm.StartViewModel;
import io.loopscope.ui.engine.ModelRef;
import io.loopscope.ui.engine.RunSpec;
import io.loopscope.ui.vm.TourViewModel;
import java.io.IOException;
import java.util.List;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/**
 * Help → Demos: the catalog, and starting a demo — its prompt and settings go into the run bar (so the
 * user sees how to reproduce it), it runs (and runs B when it compares), and its tour begins.
 */
public final class Demos {
    private final WorkbenchContext ctx;

    Demos(WorkbenchContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Reads the shipped demos and the embedded model's example prompts (one per task) on the file
     * lane and offers them on the start panel; what cannot be read is said on stderr and left out.
     */
    void loadCatalog(StartViewModel start) {
        record Offers(List<Demo> demos, List<ExamplePrompts.Example> examples) {
        }
        ctx.tasks().execute(Lane.FILES, BackgroundTask.of(p -> new Offers(read("demos", DemoCatalog::shipped),
                        read("example prompts", () -> ExamplePrompts.onePerTask(ExamplePrompts.shipped()))))
                .onSuccess(o -> start.offer(o.demos(), o.examples())));
    }

    private interface Reader<T> {
        List<T> read() throws IOException;
    }

    private static <T> List<T> read(String what, Reader<T> r) {
        try {
            return r.read();
        } catch (IOException | RuntimeException e) {
            System.err.println("loopscope: the " + what + " could not be read: " + e.getMessage());
            return List.of();
        }
    }

    /** Lists the shipped demos; Start runs the chosen one. */
    public void showCatalog() {
        List<Demo> demos;
        try {
            demos = DemoCatalog.shipped();
        } catch (IOException e) {
            ErrorDialog.show(ctx.window(), "The demos could not be read", e);
            return;
        }
        ListView<Demo> list = new ListView<>();
        list.setId("demoList");
        list.getItems().setAll(demos);
        list.setPrefSize(640, 380);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Demo d, boolean empty) {
                super.updateItem(d, empty);
                if (empty || d == null) {
                    setGraphic(null);
                    return;
                }
                Label title = new Label(d.title());
                title.getStyleClass().add("section-title");
                Label look = new Label(d.lookAt());
                look.setWrapText(true);
                look.setMaxWidth(600);
                look.getStyleClass().add("hint");
                setGraphic(new VBox(2, title, look));
            }
        });
        if (!demos.isEmpty()) list.getSelectionModel().selectFirst();
        Dialog<ButtonType> dialog = new Dialog<>();
        if (ctx.window() != null) dialog.initOwner(ctx.window());
        dialog.setTitle("LoopScope — demos");
        dialog.setHeaderText(demos.isEmpty() ? "This build has no demos." : "Guided tours of what looped models do, on the embedded model");
        ButtonType start = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(start, ButtonType.CANCEL);
        dialog.getDialogPane().setContent(list);
        dialog.getDialogPane().setId("demoDialog");
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(start);
                dialog.close();
            }
        });
        dialog.showAndWait().filter(b -> b == start).ifPresent(b -> {
            Demo d = list.getSelectionModel().getSelectedItem();
            if (d != null) start(d, null);
        });
    }

    /** Runs demo d (on model instead of the demo's own when given) and starts its tour. */
    public void start(Demo d, ModelRef model) {
        if (ctx.run().runningProperty().get()) {
            ErrorDialog.show(ctx.window(), "Cannot start the demo", new IllegalStateException("a run is in progress; wait for it or press Cancel"));
            return;
        }
        ModelRef m = DemoRuns.model(d, model);
        if (m.embedded() && !ctx.services().pipeline().loader().hasEmbeddedModel()) {
            ErrorDialog.show(ctx.window(), "Cannot start the demo", new IllegalStateException(
                    "the demo '" + d.title() + "' runs on the embedded model, which this build of LoopScope does not carry"));
            return;
        }
        RunSpec a = DemoRuns.specA(d, m);
        var run = ctx.run();
        if (!run.models().contains(m)) {
            if (m.embedded()) run.models().addFirst(m);
            else run.openFolder(m.directory());
        }
        run.modelProperty().set(m);
        // a demo's tour is about one pass over its prompt, or about what it generates
        run.modeProperty().set(a.generates() ? io.loopscope.ui.vm.RunMode.GENERATE : io.loopscope.ui.vm.RunMode.RUN);
        if (a.generates()) run.generate().apply(a.generate());
        run.promptProperty().set(a.prompt());
        run.iterationsProperty().set(a.iterations());
        run.initProperty().set(a.init());
        run.seedProperty().set(a.seed());
        TourViewModel tour = ctx.tour();
        tour.start(d);
        ctx.runner().run(r -> {
            try {
                d.requireTokensWithin(r.tokens());
            } catch (IllegalArgumentException e) {
                tour.failed(e.getMessage());
                return;
            }
            ctx.workbench().criterionProperty().set(DemoRuns.criterion(d));
            ctx.workbench().thresholdProperty().set(DemoRuns.threshold(d));
            RunSpec b = DemoRuns.specB(d, m);
            if (b == null) {
                tour.ready();
                return;
            }
            var cmp = ctx.compare();
            cmp.modelBProperty().set(b.model());
            cmp.iterationsBProperty().set(b.iterations());
            cmp.initBProperty().set(b.init());
            cmp.seedBProperty().set(b.seed());
            ctx.runner().runCompare(tour::ready);
        });
    }
}
