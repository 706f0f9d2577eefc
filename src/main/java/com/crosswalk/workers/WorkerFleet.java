package com.crosswalk.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.crosswalk.cli.JavaCommand;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.report.ReportRedactor;

/**
 * What a manager run brings up for its workers: the embedded broker (unless crosswalk.workers.broker-url names one)
 * and crosswalk.workers.count worker JVMs on this machine, each started like this process (same settings, same
 * database, the same Graph API or this process's emulator) but with crosswalk.workers.jvm-options as its JVM options,
 * and stopped when the run ends. Their logs go to {@code <output-dir>/workers/}.
 */
public final class WorkerFleet {

	private static final Logger log = LoggerFactory.getLogger(WorkerFleet.class);

	/** The settings a worker is given its own value of, instead of the manager's. */
	private static final Set<String> OWN_SETTINGS = Set.of("crosswalk.workers.count", "crosswalk.workers.broker-url",
			"crosswalk.workers.concurrency", "crosswalk.workers.manager-pid", "crosswalk.workers.jvm-options",
			"crosswalk.emulator.url", "crosswalk.output-dir");

	private final CrosswalkProperties properties;

	private final List<String> managerArgs;

	private final String graphUrl;

	/** The business's apps and Pages: no pass has more partitions than these. */
	private final int partitionsAPass;

	/**
	 * @param partitionsAPass the most partitions a lookup pass has: {@code crosswalk.lookup.partitions}, or the
	 * business's apps and Pages where there are fewer and scopes are not sliced
	 */
	public WorkerFleet(CrosswalkProperties properties, List<String> managerArgs, String graphUrl, int partitionsAPass) {
		this.properties = properties;
		this.managerArgs = managerArgs;
		this.graphUrl = graphUrl;
		this.partitionsAPass = partitionsAPass;
	}

	/** Starts the broker and the workers this run needs; nothing when its partitions run in this JVM. */
	public Running start() {
		CrosswalkProperties.Workers workers = properties.workers();
		// a dry run makes no lookup
		if (!workers.distributed() || properties.dryRun()) {
			return new Running(null, List.of());
		}
		Path directory = properties.outputDir().resolve(ReportRedactor.WORKERS_DIR).toAbsolutePath();
		EmbeddedBroker broker = null;
		List<Process> processes = new ArrayList<>();
		try {
			Files.createDirectories(directory);
			if (workers.brokerUrl().isBlank()) {
				broker = EmbeddedBroker.start(workers.brokerPort(), directory.resolve("broker"));
			}
			int slots = slotsPerWorker(partitionsAPass, workers.count());
			for (int i = 1; i <= workers.count(); i++) {
				processes.add(startWorker(i, slots, directory));
			}
		}
		catch (IOException ex) {
			new Running(broker, processes).close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			new Running(broker, processes).close();
			throw ex;
		}
		log.info("Lookup partitions go to {} through {}", workers.count() == 0 ? "workers started elsewhere"
				: workers.count() + " worker JVMs on this machine", workers.brokerForLogs());
		return new Running(broker, processes);
	}

	/**
	 * A pass's partitions dealt among the workers: each takes at most its share. A worker's Graph client has its own
	 * requests in flight for all the partitions it runs, and the broker hands a request to whichever worker asks
	 * first: with room for every partition, one worker took four of five and the other one (measured, bench
	 * scenario 5), and the pass lasted as long as the four at one worker's pace.
	 */
	static int slotsPerWorker(int partitions, int workers) {
		return Math.max(1, (partitions + workers - 1) / Math.max(1, workers));
	}

	private Process startWorker(int number, int slots, Path directory) throws IOException {
		Path out = directory.resolve("worker-" + number);
		Files.createDirectories(out);
		return new ProcessBuilder(command(slots, out)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("console.log").toFile()))
			.start();
	}

	/** A worker's command line: {@code java}, the workers' JVM options, {@code worker} and this run's settings. */
	List<String> command(int slots, Path out) {
		List<String> command = new ArrayList<>(JavaCommand.of(properties.workers().jvmOptionList()));
		command.add("worker");
		managerArgs.stream().filter(arg -> !OWN_SETTINGS.contains(name(arg))).forEach(command::add);
		command.addAll(List.of("--broker", properties.workers().effectiveBrokerUrl()));
		command.add("--crosswalk.workers.concurrency=" + slots);
		command.add("--crosswalk.output-dir=" + out);
		// a manager killed with SIGKILL cannot stop them: they stop when it is gone
		command.add("--crosswalk.workers.manager-pid=" + ProcessHandle.current().pid());
		if (properties.emulator().enabled()) {
			command.add("--crosswalk.emulator.url=" + graphUrl);
		}
		return command;
	}

	/** {@code --name=value} → name. */
	private static String name(String arg) {
		String option = arg.startsWith("--") ? arg.substring(2) : arg;
		int equals = option.indexOf('=');
		return equals < 0 ? option : option.substring(0, equals);
	}

	/** The broker and workers of a run, stopped when it ends. */
	public static final class Running implements AutoCloseable {

		private final EmbeddedBroker broker;

		private final List<Process> workers;

		private Running(EmbeddedBroker broker, List<Process> workers) {
			this.broker = broker;
			this.workers = workers;
		}

		@Override
		public void close() {
			workers.forEach(Process::destroy);
			for (Process worker : workers) {
				try {
					if (!worker.waitFor(20, TimeUnit.SECONDS)) {
						worker.destroyForcibly();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					worker.destroyForcibly();
				}
			}
			if (broker != null) {
				broker.close();
			}
		}
	}
}
