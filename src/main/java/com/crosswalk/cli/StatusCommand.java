package com.crosswalk.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.input.ImportRecorder;
import com.crosswalk.job.InputIdentity;
import com.crosswalk.job.PartitionState;
import com.crosswalk.job.ReconcileJobConfiguration;
import com.crosswalk.job.StagedInput;
import com.crosswalk.lookup.BlockedScopes;

/** {@code ./run.sh status}: recent runs from the job repository, and whether the last one can be resumed. */
final class StatusCommand {

	static final String HELP = """
			Usage: ./run.sh status [--limit N] [--db-url URL] [--db-user USER]

			Lists the most recent runs (newest first, default 10): start, end, status, rows read, persons, Graph
			calls, blocked IDs; the last execution's lookup partitions (pass, apps and Pages, status, IDs recorded,
			the process that ran each); then the scopes blocked pending ID Matching review (blocked since, IDs
			waiting, next probe, Graph's message) and those whose credentials failed. Says whether the last run
			failed or was killed, and prints the './run.sh resume' command that resumes it on the same database (or
			run the same reconcile command again). Reads only the database.
			Exit codes: 0 listed, 1 the database could not be read, 2 bad usage or configuration.
			""";

	private StatusCommand() {
	}

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("status", Set.of("limit", "db-url", "db-user"));

	static int run(String[] args, PrintStream out, PrintStream err) {
		record Request(Options options, int limit) {
		}
		Options.Parsed<Request> parsed = Options.read(args, GRAMMAR, HELP, out, err,
				o -> new Request(o, limit(o.get("limit", "10"))));
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		Options options = parsed.value().options();
		int limit = parsed.value().limit();
		Map<String, String> props = ReconcileCommand.properties(options);
		// Only the database is needed: nothing else (Graph client, credentials) is created.
		props.put("spring.main.lazy-initialization", "true");
		try (ConfigurableApplicationContext context = AppContext.start(props)) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			List<Map<String, Object>> runs = jdbc.queryForList("SELECT je.JOB_EXECUTION_ID AS execution_id,"
					+ " je.JOB_INSTANCE_ID AS instance_id, je.START_TIME AS started, je.END_TIME AS ended,"
					+ " je.STATUS AS status, r.rows_read, r.persons, r.graph_calls, r.blocked"
					+ " FROM BATCH_JOB_EXECUTION je LEFT JOIN cw_run r ON r.execution_id = je.JOB_EXECUTION_ID"
					+ " ORDER BY je.JOB_EXECUTION_ID DESC FETCH FIRST ? ROWS ONLY", limit);
			if (runs.isEmpty()) {
				out.println("No runs yet.");
				return ExitCode.OK;
			}
			out.printf("%-10s %-9s %-19s %-19s %-10s %12s %10s %12s %10s%n", "execution", "instance", "started",
					"ended", "status", "rows read", "persons", "graph calls", "blocked");
			for (Map<String, Object> run : runs) {
				out.printf("%-10s %-9s %-19s %-19s %-10s %12s %10s %12s %10s%n", run.get("execution_id"),
						run.get("instance_id"), time(run.get("started")), time(run.get("ended")), run.get("status"),
						orDash(run.get("rows_read")), orDash(run.get("persons")), orDash(run.get("graph_calls")),
						orDash(run.get("blocked")));
			}
			printPartitions(context, out);
			printWaitingScopes(context, jdbc, out);
			String last = String.valueOf(runs.get(0).get("status"));
			if (!"COMPLETED".equals(last) && stagedInputLost(context)) {
				out.println("The last run is " + last + " and cannot resume: " + StagedInput.LOST
						+ ". The same reconcile command starts a new run of its input.");
				return ExitCode.OK;
			}
			String resume = "  " + ResumeCommandLine.of(options);
			switch (last) {
				case "FAILED", "STOPPED", "UNKNOWN" -> {
					String ended = "UNKNOWN".equals(last) ? "ended UNKNOWN (its database went away during a commit)"
							: last;
					out.println("The last run " + ended + ". This resumes it from its last committed chunk, reading "
							+ lastInput(context) + " (or run the same reconcile command again):");
					out.println(resume);
				}
				case "STARTED", "STARTING", "STOPPING" -> {
					out.println("The last run is marked " + last + ": it is either still running or was killed. If no"
							+ " process is running, this recovers it and resumes it, reading " + lastInput(context)
							+ ":");
					out.println(resume);
				}
				default -> out.println("The last run " + last + "; nothing to resume.");
			}
			return ExitCode.OK;
		}
		catch (Exception e) {
			return StartupFailure.report(e, err);
		}
	}

	/** The input the last run recorded: what a resume reads. */
	private static String lastInput(ConfigurableApplicationContext context) {
		JobRepository repository = context.getBean(JobRepository.class);
		JobInstance instance = repository.getLastJobInstance(ReconcileJobConfiguration.JOB_NAME);
		JobExecution execution = instance == null ? null : repository.getLastJobExecution(instance);
		String input = execution == null ? null : InputIdentity.recorded(execution.getJobParameters()).name();
		return input == null ? "the input it started on" : "the input it started on, " + input;
	}

	/** What a run killed or failed in its lookup leaves to do, by partition; what each process did. */
	private static void printPartitions(ConfigurableApplicationContext context, PrintStream out) {
		List<PartitionState> partitions = PartitionState.ofLastExecution(context.getBean(JobRepository.class));
		if (partitions.isEmpty()) {
			return;
		}
		out.println();
		out.println("Lookup partitions of the last execution:");
		out.printf("  %-4s %-10s %12s  %-24s %s%n", "pass", "status", "IDs recorded", "worker", "apps and Pages");
		for (PartitionState state : partitions) {
			out.printf("  %-4d %-10s %12s  %-24s %s%n", state.partition().pass(), state.status(),
					String.format("%,d", state.idsRecorded()), state.worker(),
					state.partition().label());
		}
	}

	private static void printWaitingScopes(ConfigurableApplicationContext context, JdbcTemplate jdbc, PrintStream out) {
		WaitingScopesSection.print(jdbc, context.getBean(BlockedScopes.class),
				context.getBean(CrosswalkProperties.class).graph().reviewRetryAfter(), context.getBean(Clock.class).instant(),
				out);
		out.println();
	}

	private static boolean stagedInputLost(ConfigurableApplicationContext context) {
		JobRepository repository = context.getBean(JobRepository.class);
		JobInstance instance = repository.getLastJobInstance(ReconcileJobConfiguration.JOB_NAME);
		return instance != null && StagedInput.lost(repository, instance, context.getBean(ImportRecorder.class));
	}

	private static int limit(String text) {
		try {
			int limit = Integer.parseInt(text.trim());
			if (limit >= 1) {
				return limit;
			}
		}
		catch (NumberFormatException ignored) {
			// the message below says what is expected
		}
		throw new Options.UsageException("--limit must be a whole number of at least 1, was '" + text + "'");
	}

	private static String time(Object value) {
		if (value == null) {
			return "-";
		}
		String text = value.toString().replace('T', ' ');
		return text.length() > 19 ? text.substring(0, 19) : text;
	}

	private static Object orDash(Object value) {
		return value == null ? "-" : value;
	}
}
