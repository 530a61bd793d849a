package io.loopscope.ui.view;

import io.loopscope.ui.AppServices;
import io.loopscope.ui.chart.ChartStyle;
import io.loopscope.ui.vm.CompareViewModel;
import io.loopscope.ui.demo.Demo;
import io.loopscope.ui.task.TaskExecutor;
import io.loopscope.ui.vm.RunViewModel;
import io.loopscope.ui.vm.StartViewModel;
import io.loopscope.ui.vm.TourViewModel;
import io.loopscope.ui.vm.WorkbenchViewModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.Window;

/**
 * What every controller is built with (through the FXML controller factory): the services, the view
 * models, the chart style of the current theme and the executor of background work.
 */
public final class WorkbenchContext {
    private final AppServices services;
    private final TaskExecutor tasks;
    private final WorkbenchViewModel workbench = new WorkbenchViewModel();
    private final RunViewModel run;
    private final CompareViewModel compare;
    private final ObjectProperty<ChartStyle> chartStyle = new SimpleObjectProperty<>(ChartStyle.of(false));
    private final RunCoordinator runner;
    private final FileActions files;
    private final DataExports data;
    private final RecoveryAutosave autosave;
    private final TourViewModel tour;
    private final Demos demos;
    private final StartViewModel start;
    private Window window;

    public WorkbenchContext(AppServices services, TaskExecutor tasks) {
        this.services = services;
        this.tasks = tasks;
        this.run = new RunViewModel(services.settings(), services.pipeline().loader().hasEmbeddedModel());
        this.compare = new CompareViewModel(workbench.resultProperty(), workbench.selection());
        this.runner = new RunCoordinator(this);
        this.files = new FileActions(this);
        this.data = new DataExports(this, files);
        this.tour = new TourViewModel(workbench);
        this.demos = new Demos(this);
        this.start = new StartViewModel(workbench, run, services.pipeline().loader().hasEmbeddedModel(), new StartViewModel.Actions() {
            @Override public void run() { runner.run(); }
            @Override public void startDemo(Demo d) { demos.start(d, null); }
            @Override public void openModelFolder() { files.openModelFolder(); }
        });
        demos.loadCatalog(start); // off the FX thread: the demos' JSON costs 0.6 s on a cold JVM
        this.autosave = services.recoveryFile() == null ? null : new RecoveryAutosave(this, services.recoveryFile());
    }

    public AppServices services() { return services; }
    /** Where all background work runs. */
    public TaskExecutor tasks() { return tasks; }
    public WorkbenchViewModel workbench() { return workbench; }
    public RunViewModel run() { return run; }
    public CompareViewModel compare() { return compare; }
    public ObjectProperty<ChartStyle> chartStyleProperty() { return chartStyle; }
    public RunCoordinator runner() { return runner; }
    public FileActions files() { return files; }
    public DataExports data() { return data; }
    public TourViewModel tour() { return tour; }
    public Demos demos() { return demos; }
    /** The start panel's view model (demos, example prompts, a model folder). */
    public StartViewModel start() { return start; }
    /** The crash-recovery autosave, or null when the services have no recovery file. */
    public RecoveryAutosave autosave() { return autosave; }

    public ChartStyle chartStyle() {
        return chartStyle.get();
    }

    public Window window() {
        return window;
    }

    void setWindow(Window w) {
        window = w;
    }
}
