package com.crosswalk.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.springframework.context.ConfigurableApplicationContext;

import com.crosswalk.config.CrosswalkProperties;

import com.crosswalk.workers.PartitionWorker;

/** {@code ./run.sh worker}: runs the lookup partitions a manager's run sends through the broker, until stopped. */
final class WorkerCommand {

	static final String HELP = """
			Usage: ./run.sh worker --broker URL --db-url URL [OPTIONS]

			Runs lookup partitions of reconcile runs on this machine: takes them from the broker, calls the Graph API
			and records the answers in the run's PostgreSQL database, until stopped (Ctrl-C, SIGTERM). Start workers
			on other machines, then './run.sh reconcile --crosswalk.workers.broker-url=URL --db-url URL' on the
			manager; or let one machine do both with './run.sh reconcile --workers N'. A worker needs the same
			business credentials (business file, CROSSWALK_* variables) and settings as the manager.

			Options:
			  --broker URL              the ActiveMQ Artemis broker, e.g. tcp://manager-host:61616
			  --db-url URL              the run's PostgreSQL database (password from SPRING_DATASOURCE_PASSWORD)
			  --db-user USER
			  --graph-url URL           real Graph API (https://graph.facebook.com) or a standalone emulator
			  --business-file FILE      the business's apps/Pages and credentials (JSON)
			  --out DIR                 where this worker's log goes (default out)
			  --config FILE             an extra YAML or properties file (overrides config/application.yml)
			  --crosswalk.NAME=VALUE    any property of config/application.yml
			""";

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("worker",
			Set.of("broker", "db-url", "db-user", "graph-url", "business-file", "out", "config"));

	private WorkerCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		Options.Parsed<Options> parsed = Options.read(args, GRAMMAR, HELP, out, err, options -> options);
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		Options options = parsed.value();
		Map<String, String> props = ReconcileCommand.properties(options);
		if (options.has("broker")) {
			props.put("crosswalk.workers.broker-url", options.get("broker"));
		}
		if (props.getOrDefault("crosswalk.workers.broker-url", "").isBlank()) {
			err.println("--broker is missing: give the broker the manager's run uses, e.g. --broker"
					+ " tcp://manager-host:61616 (see './run.sh worker --help')");
			return ExitCode.BAD_CONFIGURATION;
		}
		try (ConfigurableApplicationContext context = AppContext.start(props)) {
			PartitionWorker worker = context.getBean(PartitionWorker.class);
			long manager = context.getBean(CrosswalkProperties.class).workers().managerPid();
			if (manager > 0) {
				// started by a manager for its run: a manager killed with SIGKILL leaves nobody else to stop it
				ProcessHandle.of(manager)
					.map(ProcessHandle::onExit)
					.orElseGet(() -> CompletableFuture.completedFuture(null))
					.thenRun(context::close);
			}
			out.println("Worker running: it takes lookup partitions until stopped (log: " + props.getOrDefault(
					"crosswalk.output-dir", "out") + "/crosswalk.log).");
			worker.serve();
			return ExitCode.OK;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitCode.OK;
		}
		catch (Exception e) {
			return StartupFailure.report(e, err);
		}
	}
}
