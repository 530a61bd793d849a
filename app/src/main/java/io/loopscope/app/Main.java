package io.loopscope.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of LoopScope: the GUI (default) and every command-line subcommand. */
@Command(
        name = "loopscope",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Look inside looped (recurrent-depth) language models.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AnalyzeCommand.class,
            BatchCommand.class,
            BenchCommand.class,
            CompareModelsCommand.class,
            DemoCommand.class,
            EvalCommand.class,
            ExportProjectorCommand.class,
            GenerateCommand.class,
            GuiCommand.class,
            ModelsCommand.class,
            ProbeCommand.class,
            RandomCheckpointCommand.class,
            TraceCommand.class,
            TrainCommand.class,
            // one line per subcommand; keep this list sorted by name
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        io.loopscope.inference.NativeSetup.apply(); // before anything loads ND4J's native code
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        return cli;
    }

    @Override
    public void run() {
        GuiCommand.open(io.loopscope.ui.AppServices.Start.NOTHING); // no command: open the workbench
    }
}
