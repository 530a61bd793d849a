package io.loopscope.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into one clear line on stderr (exit code 1) instead of a stack
 * trace; {@code LOOPSCOPE_DEBUG=1} adds the trace for bug reports.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message); // "loopscope trace: …"
        if (System.getenv("LOOPSCOPE_DEBUG") != null) ex.printStackTrace(cmd.getErr());
        return 1;
    }
}
