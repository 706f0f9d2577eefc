package com.crosswalk.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.context.ConfigurableApplicationContext;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.job.H2FileCompaction;
import com.crosswalk.job.InputSettings;
import com.crosswalk.job.JobExecutionFacts;
import com.crosswalk.job.PartitionState;
import com.crosswalk.job.ReconcileLauncher;
import com.crosswalk.lookup.BlockedScopes;
import com.crosswalk.lookup.LookupPlanner.LookupPlan;
import com.crosswalk.lookup.RecheckBlocked;
import com.crosswalk.metrics.RunMetrics;
import com.crosswalk.report.RunReporter;
import com.crosswalk.report.RunSummary;
import com.crosswalk.report.RunSummaryStore;
import com.crosswalk.workers.WorkerFleet;

/** {@code ./run.sh reconcile}: runs (or resumes) the job and prints its summary. */
final class ReconcileCommand {

	static final String HELP = """
			Usage: ./run.sh reconcile [OPTIONS]

			Runs the reconcile job: input -> Graph ID Matching lookups -> merged identity table, reports in --out.
			Without options it runs the demo: the bundled emulator, sample-data/, H2 under ./data, outputs in ./out.
			The same command after a crash or a failure resumes the unfinished run from its last committed chunk.
			'./run.sh resume' resumes the last unfinished run on the input it recorded (whatever --input says now).

			Input (one of):
			  --input FILE              CSV export (columns customer_id,id_type,scope_id,scoped_id; any order)
			  --layout long|wide        CSV layout (wide: psid,page_id,asid,app_id columns per customer)
			  --delimiter C             CSV delimiter: one character, or tab (default: ',', or the ';', tab or '|'
			                            that splits the header)
			  --jdbc-url URL            customer table: JDBC URL (password from CROSSWALK_INPUT_JDBC_PASSWORD)
			  --jdbc-user USER
			  --jdbc-query SQL          SELECT returning the layout's columns
			Graph API:
			  --graph-url URL           real Graph API (https://graph.facebook.com) or a standalone emulator;
			                            turns the embedded emulator off
			  --business-file FILE      the business's apps/Pages and credentials (JSON; secrets may come from env)
			  --emulator-fixture FILE   run against the embedded emulator with this fixture
			Database and output:
			  --db-url URL              JDBC URL of the job's database (default H2 file ./data/crosswalk);
			                            PostgreSQL: jdbc:postgresql://host/db, password from SPRING_DATASOURCE_PASSWORD
			  --db-user USER
			  --out DIR                 output folder (default out)
			Review:
			  --recheck-blocked [IDS]   probe blocked scopes now (all of them, or the app/Page IDs given, comma-
			                            separated) instead of waiting for crosswalk.graph.review-retry-after: one
			                            call each; a scope that answers has its waiting IDs looked up in this run
			Workers (PostgreSQL only; docs/workers.md):
			  --workers N               run the lookup's partitions on N worker JVMs started on this machine, through
			                            a broker embedded in this process (crosswalk.workers.*)
			Other:
			  --dry-run                 validate the input and print how many calls a run would make; no call
			  --config FILE             an extra YAML or properties file (overrides config/application.yml)
			  --crosswalk.NAME=VALUE    any property of config/application.yml
			""";

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("reconcile",
			Set.of("input", "layout", "delimiter", "jdbc-url", "jdbc-user", "jdbc-query", "graph-url", "business-file",
					"emulator-fixture", "db-url", "db-user", "out", "config", "workers"),
			"dry-run").withOptionalValue("recheck-blocked");

	private ReconcileCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		return execute(args, out, err, false);
	}

	static int resume(String[] args, PrintStream out, PrintStream err) {
		return execute(args, out, err, true);
	}

	private static int execute(String[] args, PrintStream out, PrintStream err, boolean resumeOnly) {
		Options.Parsed<Options> parsed = Options.read(args, GRAMMAR, HELP, out, err, options -> {
			if (options.has("recheck-blocked")) {
				RecheckBlocked.parse(recheckValue(options));
			}
			return options;
		});
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		Options options = parsed.value();
		Optional<H2FileCompaction> compaction;
		int exitCode;
		try (ConfigurableApplicationContext context = AppContext.start(properties(options))) {
			CrosswalkProperties properties = context.getBean(CrosswalkProperties.class);
			// a dry run makes no call at all, not even the credential check
			List<String> problems = properties.dryRun() ? List.of() : context.getBean(GraphClient.class).preflight();
			if (!problems.isEmpty()) {
				err.println("The Graph API credentials need fixing before a run:");
				problems.forEach(p -> err.println("  - " + p));
				context.getBean(RunMetrics.class).finish(null, ExitCode.BAD_CONFIGURATION);
				return ExitCode.BAD_CONFIGURATION;
			}
			RecheckBlocked recheck = RecheckBlocked.parse(properties.lookup().recheckBlocked());
			Optional<String> notBlocked = notBlocked(recheck, context.getBean(BlockedScopes.class));
			if (notBlocked.isPresent()) {
				err.println(notBlocked.get());
				return ExitCode.BAD_CONFIGURATION;
			}
			ReconcileLauncher launcher = context.getBean(ReconcileLauncher.class);
			InputSettings input = InputSettings.configured(properties.input());
			JobExecution execution;
			try (WorkerFleet.Running workers = context.getBean(WorkerFleet.class).start()) {
				execution = resumeOnly ? launcher.resumeLast(input) : launcher.run(input, recheck);
			}
			if (execution == null) {
				out.println("Nothing to resume: the last run completed (or there is none).");
				return ExitCode.OK;
			}
			noteRecheckNotApplied(recheck, execution, out);
			exitCode = report(execution, context, properties, out, err);
			context.getBean(RunMetrics.class).finish(execution, exitCode);
			compaction = H2FileCompaction.of(context.getBean(DataSource.class));
		}
		catch (Exception e) {
			return StartupFailure.report(e, err);
		}
		compaction.ifPresent(c -> compact(c, out, err));
		return exitCode;
	}

	/** After the pool has closed; a failure leaves a larger file, never a different result. */
	private static void compact(H2FileCompaction compaction, PrintStream out, PrintStream err) {
		try {
			H2FileCompaction.Sizes sizes = compaction.compact();
			out.printf("Compacted the H2 database file %s: %s.%n", compaction.file(), sizes);
		}
		catch (SQLException e) {
			err.println("Could not compact the H2 database file " + compaction.file() + " (the run's results are"
					+ " saved; it stays larger than it needs to be): " + e.getMessage());
		}
	}

	private static int report(JobExecution execution, ConfigurableApplicationContext context,
			CrosswalkProperties properties, PrintStream out, PrintStream err) {
		if (properties.dryRun() && execution.getStatus() == BatchStatus.COMPLETED) {
			LookupPlan plan = JobExecutionFacts.plan(execution);
			RunSummary summary = summaryOf(execution, context);
			out.printf("Dry run: %,d rows read, %,d accepted, %,d rejected (see %s).%n", summary.rowsRead(),
					summary.rowsAccepted(), summary.rowsRejected(), properties.outputDir().resolve("rejected-rows.csv"));
			out.printf("A real run would make between %,d and %,d Graph lookups (%,d IDs fresh from earlier runs,"
					+ " %,d still blocked pending review).%n", plan.minimumCalls(), plan.maximumCalls(), plan.fresh(),
					plan.stillBlocked());
			return ExitCode.OK;
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			// An unreadable input file fails the same way on every retry: say what to fix, exit 2, not "run again" (a lost
			// run lock or a full heap: one line too, exit 1).
			Throwable configuration = execution.getAllFailureExceptions().stream()
				.filter(StartupFailure::isExpected)
				.findFirst()
				.orElse(null);
			if (configuration != null) {
				return StartupFailure.report(configuration, failedStep(execution, configuration), err);
			}
			err.println("The run " + execution.getStatus() + ": " + describeFailure(execution));
			err.println("Run the same command again to resume from the last committed chunk.");
			return ExitCode.FAILED;
		}
		RunSummary summary = summaryOf(execution, context);
		out.print(summary.toText());
		if (summary.idsUnavailable() > 0) {
			err.printf("%,d IDs were left unavailable: Graph throttled their scopes past crosswalk.graph.max-throttle-wait"
					+ " (%s) or kept failing past the retries. A transient failure, nothing to fix; run the same command"
					+ " again later and it looks them up (exit code 1).%n", summary.idsUnavailable(),
					properties.graph().maxThrottleWait().toString().substring(2).toLowerCase());
			return ExitCode.FAILED;
		}
		return summary.idsBlocked() + summary.idsFailedAuth() + summary.idsPermissionDenied() > 0
				? ExitCode.DONE_WITH_BLOCKED : ExitCode.OK;
	}

	/** The summary the run saved, the same as run-summary.json; counted afresh only if the run could not save it. */
	private static RunSummary summaryOf(JobExecution execution, ConfigurableApplicationContext context) {
		return context.getBean(RunReporter.class)
			.savedSummary(execution)
			.orElseGet(() -> context.getBean(RunSummaryStore.class).summarize(execution));
	}

	/**
	 * The step a failure ended, as a person reads it ("the mergeStep step", "the lookup's pass-1 partition of 1234"),
	 * or null if the job itself failed.
	 */
	static String failedStep(JobExecution execution, Throwable failure) {
		return execution.getStepExecutions().stream()
			.filter(step -> step.getFailureExceptions().contains(failure))
			.map(step -> PartitionState.partitionOf(step)
				.map(partition -> "the lookup's pass-" + partition.pass() + " partition of "
						+ partition.label())
				.orElse("the " + step.getStepName() + " step"))
			.findFirst()
			.orElse(null);
	}

	/**
	 * What failed, from the step where it happened: a partitioned step adds an exception of its own that only says a
	 * partition failed.
	 */
	private static String describeFailure(JobExecution execution) {
		return execution.getAllFailureExceptions().stream()
			.sorted(Comparator.comparing(failure -> failure instanceof JobExecutionException))
			.map(StartupFailure::describe)
			.findFirst()
			.orElse(execution.getExitStatus().getExitDescription());
	}

	static Map<String, String> properties(Options options) {
		Map<String, String> props = new LinkedHashMap<>();
		if (options.has("config")) {
			props.put("spring.config.additional-location", "file:" + Path.of(options.get("config")).toAbsolutePath());
		}
		put(props, options, "input", "crosswalk.input.csv");
		put(props, options, "layout", "crosswalk.input.layout");
		put(props, options, "delimiter", "crosswalk.input.delimiter");
		put(props, options, "jdbc-url", "crosswalk.input.jdbc.url");
		put(props, options, "jdbc-user", "crosswalk.input.jdbc.username");
		put(props, options, "jdbc-query", "crosswalk.input.jdbc.query");
		put(props, options, "business-file", "crosswalk.business-file");
		put(props, options, "db-url", "spring.datasource.url");
		put(props, options, "db-user", "spring.datasource.username");
		put(props, options, "out", "crosswalk.output-dir");
		put(props, options, "workers", "crosswalk.workers.count");
		if (options.has("jdbc-query")) {
			props.put("crosswalk.input.csv", "");
		}
		if (options.has("graph-url")) {
			props.put("crosswalk.graph.base-url", options.get("graph-url"));
			props.put("crosswalk.emulator.enabled", "false");
		}
		if (options.has("emulator-fixture")) {
			props.put("crosswalk.emulator.fixture", options.get("emulator-fixture"));
			props.put("crosswalk.emulator.enabled", "true");
		}
		if (options.has("dry-run")) {
			props.put("crosswalk.dry-run", "true");
		}
		if (options.has("recheck-blocked")) {
			props.put("crosswalk.lookup.recheck-blocked", recheckValue(options));
		}
		props.putAll(options.properties());
		return props;
	}

	/**
	 * A resumed run plans as the run that was killed did, with the re-check it was started with (a job parameter):
	 * say so when the command asked for another one.
	 */
	private static void noteRecheckNotApplied(RecheckBlocked recheck, JobExecution execution, PrintStream out) {
		String planned = execution.getJobParameters().getString(ReconcileLauncher.RECHECK_BLOCKED);
		if (recheck.any() && !recheck.text().equals(planned)) {
			out.println("Note: --recheck-blocked was not applied: this resumed an unfinished run, which keeps the"
					+ " re-check it was started with (" + (planned == null ? "none" : planned) + ").");
		}
	}

	/** The line to print when a scope named to re-check is not blocked pending review; a typo must not go unseen. */
	private static Optional<String> notBlocked(RecheckBlocked recheck, BlockedScopes blockedScopes) {
		if (recheck.all() || recheck.scopeIds().isEmpty()) {
			return Optional.empty();
		}
		List<String> blocked = blockedScopes.all().stream().map(BlockedScopes.BlockedScope::scopeId).toList();
		List<String> unknown = recheck.scopeIds().stream().filter(id -> !blocked.contains(id)).toList();
		if (unknown.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("--recheck-blocked: " + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are")
				+ " not blocked pending review; blocked now: " + (blocked.isEmpty() ? "none" : String.join(", ", blocked))
				+ " ('./run.sh status' lists them)");
	}

	/** A bare {@code --recheck-blocked} re-checks every blocked scope. */
	private static String recheckValue(Options options) {
		String value = options.get("recheck-blocked");
		return "true".equals(value) ? RecheckBlocked.ALL : value;
	}

	private static void put(Map<String, String> props, Options options, String option, String property) {
		if (options.has(option)) {
			props.put(property, options.get(option));
		}
	}
}
