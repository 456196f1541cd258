package dev.tinyforge.cli;

import java.io.PrintWriter;

import dev.tinyforge.CompileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** tinyforge's command line: thin commands over {@link dev.tinyforge.Compiler}. */
@Command(name = "tinyforge", mixinStandardHelpOptions = true, version = "tinyforge 0.1.0",
        description = "Compiles TFLite models into dependency-free C for microcontrollers.",
        subcommands = {InspectCommand.class, CompileCommand.class, RunCommand.class, ReportCommand.class, BoardsCommand.class,
                BenchCommand.class, ConformanceCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for user errors (bad model, unsupported op, bad arguments). */
    public static final int EXIT_USER_ERROR = 2;
    /** Exit status for a bug in tinyforge itself. */
    public static final int EXIT_INTERNAL_ERROR = 3;

    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> handle(ex, line.getErr()));
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("tinyforge: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USER_ERROR;
        });
        return cl.execute(args);
    }

    private static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof CompileException) {
            err.println("tinyforge: error: " + ex.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("tinyforge: internal error: " + ex + (ex.getStackTrace().length > 0 ? " at " + ex.getStackTrace()[0] : ""));
        err.println("This is a bug in tinyforge; please report it with the model and the command line.");
        if (System.getenv("TINYFORGE_DEBUG") != null) ex.printStackTrace(err);
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }
}
