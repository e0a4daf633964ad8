package io.calsync.standalone.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./calsync <command>}: the tool's entry; {@code ./calsync --help} lists the commands. */
@Command(name = "calsync", mixinStandardHelpOptions = true, version = "calsync 0.1.0",
        description = "Talk to a running calsync (./run.sh): accounts, calendars, sample appointments, availability,"
                + " operations.",
        subcommands = {Commands.Token.class, LocalCalDav.class, Commands.Connect.class, Commands.Accounts.class,
            Commands.Calendars.class, Appointments.Book.class, Appointments.Reschedule.class, Appointments.Cancel.class,
            Availability.Busy.class, Availability.FreeSlots.class, Operations.Status.class, Operations.Resync.class,
            ReplayDeadLetters.class})
public final class CalsyncCli implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command (./calsync --help lists them)");
    }

    /** The commands' names: a first argument among them runs the tool rather than calsync. */
    public static boolean isCommand(String argument) {
        return new CommandLine(new CalsyncCli()).getSubcommands().containsKey(argument)
                || argument.equals("--help") || argument.equals("-h") || argument.equals("--version");
    }

    /** Runs a command; answers its exit code (0 done, 1 failed with a one-line reason, 2 wrong usage). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new CalsyncCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("calsync: " + (e instanceof CliException ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            command.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }
}
