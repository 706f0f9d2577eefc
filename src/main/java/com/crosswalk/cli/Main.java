package com.crosswalk.cli;

import java.io.PrintStream;
import java.util.Arrays;

import org.slf4j.LoggerFactory;

/** The {@code crosswalk} command line ({@code ./run.sh}): one subcommand per task, {@code reconcile} by default. */
public final class Main {

	static final String USAGE = """
			Usage: ./run.sh [COMMAND] [OPTIONS]

			Commands:
			  reconcile   run the reconcile job (the default when no command is given)
			  resume      resume the last run, on the input it recorded, if it failed or was killed
			  worker      run lookup partitions that reconcile runs send through a broker (PostgreSQL only)
			  status      list recent runs and whether the last one can be resumed
			  explain     make the ID Matching calls for one ID and show where it stands
			  check-graph check the Graph API behaviours Crosswalk relies on, and every token (read-only)
			  forget      delete a person's identifiers (privacy request) and keep a tombstone
			  emulator    serve the bundled Graph API emulator
			  generate    write a synthetic population: fixture, business file, input CSV
			  bench       benchmark the job against two baselines on the emulator

			--debug on any command also prints stack traces on the console (they are always in OUT/crosswalk.log).
			Run './run.sh COMMAND --help' for a command's options. Exit codes: 0 done; 1 transient, retry the same
			command later (Graph unreachable or timing out, IDs left unavailable by throttling, a crash: it resumes);
			2 a person must fix something (credentials, configuration, usage, input); 3 done with IDs blocked
			pending review or failed auth ('./run.sh status' lists their scopes).
			""";

	/** Read by logback-spring.xml: the console shows stack traces too. */
	static final String DEBUG_PROPERTY = "logging.console.stack-traces";

	private Main() {
	}

	public static void main(String[] args) {
		// a thread of a library that dies logs its failure (to the log file) instead of printing a bare stack trace
		Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> LoggerFactory.getLogger(Main.class)
			.error("Thread {} stopped: {}", thread.getName(), failure.toString(), failure));
		System.exit(run(args, System.out, System.err));
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		try {
			return dispatch(withDebug(args), out, err);
		}
		catch (OutOfMemoryError e) {
			return StartupFailure.report(e, err);
		}
	}

	/** {@code --debug}, accepted by every command, becomes the logging property that shows stack traces. */
	private static String[] withDebug(String[] args) {
		return Arrays.stream(args)
			.map(arg -> arg.equals("--debug") ? "--" + DEBUG_PROPERTY + "=true" : arg)
			.toArray(String[]::new);
	}

	private static int dispatch(String[] args, PrintStream out, PrintStream err) {
		if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
			out.print(USAGE);
			return ExitCode.OK;
		}
		boolean explicitCommand = args.length > 0 && !args[0].startsWith("-");
		String command = explicitCommand ? args[0] : "reconcile";
		String[] rest = explicitCommand ? Arrays.copyOfRange(args, 1, args.length) : args;
		return switch (command) {
			case "reconcile" -> ReconcileCommand.run(rest, out, err);
			case "resume" -> ReconcileCommand.resume(rest, out, err);
			case "worker" -> WorkerCommand.run(rest, out, err);
			case "status" -> StatusCommand.run(rest, out, err);
			case "explain" -> ExplainCommand.run(rest, out, err);
			case "check-graph" -> CheckGraphCommand.run(rest, out, err);
			case "forget" -> ForgetCommand.run(rest, out, err);
			case "emulator" -> EmulatorCommand.run(rest, out, err);
			case "generate" -> GenerateCommand.run(rest, out, err);
			case "bench" -> BenchCommand.run(rest, out, err);
			default -> {
				err.println("Unknown command '" + command + "'.");
				err.print(USAGE);
				yield ExitCode.BAD_CONFIGURATION;
			}
		};
	}
}
