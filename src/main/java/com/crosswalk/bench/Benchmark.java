package com.crosswalk.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.crosswalk.emulator.CallOutcome;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.EmulatorCounters;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.id.ScopedId;

/**
 * Runs the scenarios: generates each population, serves it from an emulator in this JVM, runs the real job against
 * it in a JVM of its own and the two baselines, each runner {@code --repeat} times, and collects one
 * {@link Measurement} per run and one {@link RunnerFigures} per runner.
 */
public final class Benchmark {

	static final String LATENCY = "latency-bound";

	static final String QUOTA = "quota-bound";

	static final String SCALE = "scale";

	static final String NIGHTLY = "nightly re-run";

	static final String WORKERS = "workers, latency-bound";

	/** The runner name of the job's rows (with partitions in the job's JVM, as by default). */
	static final String JOB = "crosswalk";

	/** The runner name of the job with its lookup partitions on {@code count} worker JVMs. */
	static String onWorkers(int count) {
		return JOB + ", " + count + (count == 1 ? " worker" : " workers");
	}

	/** The runner name of the job in one JVM with {@code maxInFlight} Graph requests at once. */
	static String oneJvm(int maxInFlight) {
		return JOB + ", 1 JVM, max-in-flight " + maxInFlight;
	}

	private final BenchSettings settings;

	private final PrintStream progress;

	private final BenchDatabase database;

	private final JobProcess job;

	/** The database server's main process, -1 when its CPU is not measured. */
	private final long databasePid;

	private Benchmark(BenchSettings settings, BenchDatabase database, PrintStream progress) {
		this.settings = settings;
		this.database = database;
		this.progress = progress;
		this.job = new JobProcess(settings.jobHeap(), settings.profile());
		this.databasePid = database.serverPid();
	}

	/** Runs the chosen scenarios; with {@code --postgres embedded}, on a server started for them and removed after. */
	public static BenchResults run(BenchSettings settings, PrintStream progress)
			throws IOException, InterruptedException {
		if (!settings.embeddedPostgres()) {
			return new Benchmark(settings, settings.database(), progress).run();
		}
		Path data = settings.workDir().resolve("postgres").toAbsolutePath();
		Path log = settings.workDir().resolve("postgres.log").toAbsolutePath();
		Files.createDirectories(settings.workDir());
		progress.println("[bench] starting an embedded PostgreSQL server in " + data + " (its log: " + log + ")...");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, log)) {
			BenchDatabase database = BenchDatabase.embeddedPostgres(server.url(), EmbeddedPostgresServer.USER);
			return new Benchmark(settings, database, progress).run();
		}
	}

	private BenchResults run() throws IOException, InterruptedException {
		Instant started = Instant.now();
		// before any job runs: git is a child of this JVM, and a job's CPU is what this JVM's children used meanwhile
		BenchMachine machine = BenchMachine.describe();
		List<RunnerFigures> rows = new ArrayList<>();
		List<ScenarioWindow> windows = new ArrayList<>();
		if (settings.runs(1)) {
			rows.addAll(timed(1, windows, this::latencyBound));
		}
		if (settings.runs(2)) {
			rows.addAll(timed(2, windows, this::quotaBound));
		}
		if (settings.runs(3)) {
			rows.addAll(timed(3, windows, this::scale));
		}
		if (settings.runs(5)) {
			rows.addAll(timed(5, windows, this::workers));
		}
		return new BenchResults(settings, database.description(), database.cpuNotMeasured(databasePid), machine,
				started, rows, windows);
	}

	private interface Scenario {
		List<RunnerFigures> run() throws IOException, InterruptedException;
	}

	private static List<RunnerFigures> timed(int scenario, List<ScenarioWindow> windows, Scenario run)
			throws IOException, InterruptedException {
		Instant start = Instant.now();
		LoadAverage loadAtStart = LoadAverage.now();
		List<RunnerFigures> rows = run.run();
		windows.add(new ScenarioWindow(scenario, start, Instant.now(), loadAtStart, LoadAverage.now()));
		return rows;
	}

	/**
	 * Scenario 1, and scenario 4 on the same emulator, database and input right after each of its job runs. Each
	 * repetition runs every runner once, so that all of them meet what else the machine was doing at the time.
	 */
	private List<RunnerFigures> latencyBound() throws IOException, InterruptedException {
		Path dir = settings.workDir().resolve("s1");
		BenchPopulation population = generate(dir, settings.persons());
		EmulatorConfig config = EmulatorConfig.custom().latency(settings.latency()).build();
		String name = LATENCY + " (" + settings.latency().toMillis() + " ms/request)";
		List<Measurement> naive = new ArrayList<>();
		List<Measurement> batched = new ArrayList<>();
		List<Measurement> first = new ArrayList<>();
		List<Measurement> rerun = new ArrayList<>();
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), config)) {
			for (int repetition = 1; repetition <= settings.repeat(); repetition++) {
				SideBySide runs = baselinesThenJob(1, repetition, name, emulator, population, dir);
				naive.add(runs.naive());
				batched.add(runs.batched());
				first.add(runs.job());
				if (settings.runs(4)) {
					Measurement again = runJob(4, repetition, NIGHTLY + " of scenario 1", JOB, emulator, population,
							dir, Start.DATABASE_AS_LEFT, List.of(), null);
					rerun.add(again.withSpeedups(ratio(again, runs.naive()), ratio(again, runs.batched()), null));
				}
			}
		}
		RunnerFigures naiveFigures = RunnerFigures.of(naive);
		RunnerFigures batchedFigures = RunnerFigures.of(batched);
		List<RunnerFigures> rows = new ArrayList<>(List.of(
				withSpeedups(RunnerFigures.of(first), naiveFigures, batchedFigures, null), naiveFigures,
				batchedFigures));
		if (settings.runs(4)) {
			rows.add(withSpeedups(RunnerFigures.of(rerun), naiveFigures, batchedFigures,
					"baselines keep no state and would redo scenario 1: speed-ups use their scenario 1 rates"));
		}
		return rows;
	}

	/**
	 * Scenario 2: every app and Page has a budget per short window, with usage headers and throttling answers; the
	 * job is given the same budgets. The baselines are not run: under a quota a runner's rate is the budget divided by
	 * its calls per ID, so their speed-ups are derived from the calls per ID each needs (measured in scenario 1 or on
	 * a sample here).
	 */
	private List<RunnerFigures> quotaBound() throws IOException, InterruptedException {
		Path dir = settings.workDir().resolve("s2");
		BenchPopulation population = generate(dir, settings.quotaPersons());
		Duration window = settings.quotaWindow();
		int budget = settings.quotaBudget();
		EmulatorConfig config = EmulatorConfig.custom()
			.appCallBudget(budget)
			.pageCallBudget(budget)
			.rateLimitWindow(window)
			.callLogCapacity(Math.max(10_000, (int) Math.min(Integer.MAX_VALUE, population.inputIds() * 3)))
			.build();
		String name = QUOTA + " (" + budget + " calls per " + window.toSeconds() + " s per app and per Page)";
		long perHour = Math.round(budget * (double) Duration.ofHours(1).toMillis() / window.toMillis());
		List<String> budgets = List.of("--crosswalk.graph.usage-window=" + window.toSeconds() + "s",
				"--crosswalk.graph.app-calls-per-hour=" + perHour, "--crosswalk.graph.page-calls-per-hour=" + perHour);
		// worker JVMs need PostgreSQL; on H2 files the row is left out, and a note says so
		int workers = settings.onH2Files() ? 0 : settings.quotaWorkers();
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), config)) {
			Fixture fixture = population.fixture();
			List<String> scopes = Stream.concat(fixture.apps().stream().map(Fixture.App::id),
					fixture.pages().stream().map(Fixture.Page::id)).toList();
			QuotaReading quota = counters -> QuotaMeter.measure(counters, scopes, budget, window);
			List<Measurement> runs = new ArrayList<>();
			List<Measurement> workerRuns = new ArrayList<>();
			for (int repetition = 1; repetition <= settings.repeat(); repetition++) {
				// resetCounters before each run empties the budgets' windows too: every run starts with full budgets
				runs.add(runJob(2, repetition, name, JOB, emulator, population, dir, Start.EMPTY_DATABASE, budgets,
						quota));
				Files.write(dir.resolve(repetition == 1 ? "calls-per-second.csv"
						: "calls-per-second-" + repetition + ".csv"),
						QuotaMeter.callsPerSecond(emulator.counters(), scopes));
				if (workers > 0) {
					List<String> options = new ArrayList<>(budgets);
					options.addAll(workerOptions(workers));
					workerRuns.add(runJob(2, repetition, name, onWorkers(workers), emulator, population, dir,
							Start.EMPTY_DATABASE, options, quota));
					Files.write(dir.resolve(repetition == 1 ? "calls-per-second-workers.csv"
							: "calls-per-second-workers-" + repetition + ".csv"),
							QuotaMeter.callsPerSecond(emulator.counters(), scopes));
				}
			}
			// Both baselines read two edges per ID whatever the quota; measured on a small unthrottled sample
			Measurement sampleRates = sampleCallsPerId(emulator, population);
			double baselineCallsPerId = sampleRates.callsPerId();
			String derivation = String.format(Locale.ROOT,
					"baselines not run under the quota: at equal budget the rate is budget / calls per ID, and both"
							+ " need %.2f calls per ID (measured on %d IDs), so speed-ups are that ratio",
					baselineCallsPerId, sampleRates.ids());
			if (workers == 0 && settings.quotaWorkers() > 0) {
				derivation += "; no run on " + settings.quotaWorkers()
						+ " workers: worker JVMs need PostgreSQL, and the jobs ran on H2 files";
			}
			List<RunnerFigures> rows = new ArrayList<>(List.of(derivedSpeedups(runs, baselineCallsPerId, derivation)));
			if (workers > 0) {
				rows.add(derivedSpeedups(workerRuns, baselineCallsPerId, null));
			}
			return rows;
		}
	}

	/** A quota-bound runner's speed-ups: the baselines' calls per ID over its own, run by run and of the medians. */
	private static RunnerFigures derivedSpeedups(List<Measurement> runs, double baselineCallsPerId, String note) {
		List<Measurement> derived = runs.stream().map(run -> {
			Double ratio = run.callsPerId() == 0 ? null : baselineCallsPerId / run.callsPerId();
			return run.withSpeedups(ratio, ratio, null);
		}).toList();
		RunnerFigures figures = RunnerFigures.of(derived);
		double medianCallsPerId = figures.callsPerId().median();
		Double ofMedians = medianCallsPerId == 0 ? null : baselineCallsPerId / medianCallsPerId;
		return figures.withSpeedups(ofMedians, ofMedians, note);
	}

	/** Scenario 3: about {@code scaleIds} input IDs, no latency, the job's heap capped. */
	private List<RunnerFigures> scale() throws IOException, InterruptedException {
		Path dir = settings.workDir().resolve("s3");
		BenchPopulation calibration = generate(settings.workDir().resolve("s3-calibration"), 2_000);
		double idsPerPerson = (double) calibration.inputIds() / calibration.persons();
		int persons = (int) Math.max(1, Math.round(settings.scaleIds() / idsPerPerson));
		BenchPopulation population = generate(dir, persons);
		String name = SCALE + " (-Xmx" + settings.jobHeap() + ", no latency)";
		List<Measurement> naive = new ArrayList<>();
		List<Measurement> batched = new ArrayList<>();
		List<Measurement> jobs = new ArrayList<>();
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.defaults())) {
			for (int repetition = 1; repetition <= settings.repeat(); repetition++) {
				SideBySide runs = baselinesThenJob(3, repetition, name, emulator, population, dir);
				naive.add(runs.naive());
				batched.add(runs.batched());
				jobs.add(runs.job());
			}
		}
		RunnerFigures naiveFigures = RunnerFigures.of(naive);
		RunnerFigures batchedFigures = RunnerFigures.of(batched);
		return List.of(withSpeedups(RunnerFigures.of(jobs), naiveFigures, batchedFigures, null), naiveFigures,
				batchedFigures);
	}

	/**
	 * Scenario 5: latency-bound at a realistic Graph latency, the job with its lookup partitions on each number of
	 * worker JVMs given and, beside them, in one JVM with the largest number times the default max-in-flight: what
	 * workers buy over a single JVM allowed as many requests at once. Every run starts on an empty database; each
	 * repetition runs every runner once. Graph calls are the emulator's count, every JVM's calls together.
	 */
	private List<RunnerFigures> workers() throws IOException, InterruptedException {
		Path dir = settings.workDir().resolve("s5");
		BenchPopulation population = generate(dir, settings.workersPersons());
		List<Integer> counts = settings.workerCounts();
		int mostInFlight = counts.get(counts.size() - 1) * GraphClientConfig.DEFAULT_MAX_IN_FLIGHT;
		EmulatorConfig config = EmulatorConfig.custom()
			.latency(settings.workersLatency())
			// every request waits out the latency on a thread of its own: room for all runners' requests at once
			.workerThreads(Math.max(64, 2 * mostInFlight))
			.build();
		String name = WORKERS + " (" + settings.workersLatency().toMillis() + " ms/request)";
		List<List<Measurement>> onWorkers = new ArrayList<>();
		counts.forEach(count -> onWorkers.add(new ArrayList<>()));
		List<Measurement> oneJvm = new ArrayList<>();
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), config)) {
			for (int repetition = 1; repetition <= settings.repeat(); repetition++) {
				for (int i = 0; i < counts.size(); i++) {
					onWorkers.get(i).add(runJob(5, repetition, name, onWorkers(counts.get(i)), emulator, population,
							dir, Start.EMPTY_DATABASE, workerOptions(counts.get(i)), null));
				}
				oneJvm.add(runJob(5, repetition, name, oneJvm(mostInFlight), emulator, population, dir,
						Start.EMPTY_DATABASE, List.of("--crosswalk.workers.count=0",
								"--crosswalk.graph.max-in-flight=" + mostInFlight), null));
			}
		}
		List<Measurement> first = onWorkers.get(0);
		List<RunnerFigures> rows = new ArrayList<>();
		for (List<Measurement> runs : onWorkers) {
			rows.add(RunnerFigures.of(runs).relativeTo(first));
		}
		rows.add(RunnerFigures.of(oneJvm).relativeTo(first));
		return rows;
	}

	/**
	 * The job's options for a run on {@code count} worker JVMs started by the job, its embedded broker on a port free
	 * now: a port of an earlier run's broker may still be held while its socket closes.
	 */
	private static List<String> workerOptions(int count) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return List.of("--workers", Integer.toString(count),
					"--crosswalk.workers.broker-port=" + socket.getLocalPort());
		}
	}

	/**
	 * One repetition of a scenario with baselines: both baselines, then the job on an empty database, its speed-ups
	 * over each. The emulator stands in for Facebook's servers but runs in this JVM, on the job's cores: whoever calls
	 * it first also pays for its JIT compilation. The baselines go first (and hardly notice: one waits for each
	 * answer, the other for each batch), so the job meets a warmed emulator, as they did when it went first.
	 */
	private SideBySide baselinesThenJob(int scenario, int repetition, String name, GraphEmulator emulator,
			BenchPopulation population, Path dir) throws IOException, InterruptedException {
		Measurement naive = runBaseline(scenario, repetition, name, naiveBaseline(emulator, population), emulator,
				population, settings.naiveSample());
		Measurement batched = runBaseline(scenario, repetition, name, batchedBaseline(emulator, population), emulator,
				population, settings.batchedSample());
		Measurement job = runJob(scenario, repetition, name, JOB, emulator, population, dir, Start.EMPTY_DATABASE,
				List.of(), null);
		return new SideBySide(naive, batched, job.withSpeedups(ratio(job, naive), ratio(job, batched), null));
	}

	/** The runners of one repetition, measured side by side. */
	private record SideBySide(Measurement naive, Measurement batched, Measurement job) {
	}

	private interface QuotaReading {
		QuotaMeter.Utilisation read(EmulatorCounters counters);
	}

	/** Whether a scenario's job starts on an empty database or on the one its scenario's last run left. */
	private enum Start {
		EMPTY_DATABASE, DATABASE_AS_LEFT
	}

	private Measurement runJob(int scenario, int repetition, String name, String runner, GraphEmulator emulator,
			BenchPopulation population, Path dir, Start start, List<String> extraOptions, QuotaReading quota)
			throws IOException, InterruptedException {
		progress.printf("[bench] scenario %d%s: running the job%s on %,d input IDs...%n", scenario,
				repetitionLabel(repetition), runner.equals(JOB) ? "" : " (" + runner.substring(JOB.length() + 2) + ")",
				population.inputIds());
		emulator.resetCounters();
		Path out = dir.resolve("out").toAbsolutePath();
		List<String> options = new ArrayList<>(List.of("--input", population.input().toAbsolutePath().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file",
				population.businessFile().toAbsolutePath().toString(), "--out", out.toString()));
		options.addAll(database.jobOptions(dir, start == Start.EMPTY_DATABASE));
		options.addAll(extraOptions);
		CpuReading before = CpuReading.now(databasePid);
		JobProcess.Result result = job.run(dir.resolve("job"), out, options);
		RunCpu cpu = before.until(CpuReading.now(databasePid), result.cpuSeconds());
		if (result.exitCode() != 0 && result.exitCode() != 3) {
			throw new IllegalStateException("the job failed (exit " + result.exitCode() + "); see " + result.log());
		}
		EmulatorCounters.Snapshot counted = emulator.counters().snapshot();
		QuotaMeter.Utilisation utilisation = quota == null ? null : quota.read(emulator.counters());
		Measurement row = new Measurement(scenario, name, runner, repetition, population.inputIds(), false,
				population.persons(), counted.calls(), counted.httpRequests(), result.wallSeconds(),
				result.summaryDouble("elapsed_seconds"), result.lookupSeconds(),
				utilisation == null ? null : utilisation.utilisation(),
				utilisation == null ? null : utilisation.saturatedSeconds(), counted.calls(CallOutcome.THROTTLED),
				result.summaryLong("retries"), result.peakHeapBytes(), result.peakRssBytes(), cpu, null, null, null);
		progress.printf("[bench]   %,d calls, %.1f s, %,.0f IDs/s; CPU s: job %s, database %s, emulator %s,"
				+ " other processes %s%n", row.calls(), row.wallSeconds(), row.idsPerSecond(), seconds(cpu.job()),
				seconds(cpu.database()), seconds(cpu.benchJvm()), seconds(cpu.others()));
		return row;
	}

	private Measurement runBaseline(int scenario, int repetition, String name, Baseline baseline,
			GraphEmulator emulator, BenchPopulation population, int sampleSize) throws InterruptedException {
		List<ScopedId> sample = population.sample(sampleSize);
		progress.printf("[bench] scenario %d%s: %s baseline on %,d IDs...%n", scenario, repetitionLabel(repetition),
				baseline.name(), sample.size());
		emulator.resetCounters();
		CpuReading before = CpuReading.now(-1);
		Baseline.Run run = baseline.run(sample);
		RunCpu cpu = before.until(CpuReading.now(-1), null);
		EmulatorCounters.Snapshot counted = emulator.counters().snapshot();
		boolean sampled = sample.size() < population.inputIds();
		String note = sampled ? "first " + sample.size() + " input IDs" : null;
		if (run.answered() < run.ids()) {
			note = (note == null ? "" : note + "; ") + (run.ids() - run.answered()) + " IDs not answered";
		}
		Measurement row = new Measurement(scenario, name, baseline.name(), repetition, run.ids(), sampled, null,
				counted.calls(), counted.httpRequests(), run.wallSeconds(), null, null, null, null,
				counted.calls(CallOutcome.THROTTLED), run.retries(), null, null, cpu, null, null, note);
		progress.printf("[bench]   %,d calls, %.1f s, %,.1f IDs/s%n", row.calls(), row.wallSeconds(),
				row.idsPerSecond());
		return row;
	}

	/** Calls per ID of the batched baseline on a small sample, budgets fresh (the baseline sends 2 per ID). */
	private Measurement sampleCallsPerId(GraphEmulator emulator, BenchPopulation population)
			throws InterruptedException {
		int size = Math.max(1, Math.min(settings.quotaBudget() / 4, 200));
		Measurement sample = runBaseline(2, 1, QUOTA, batchedBaseline(emulator, population), emulator, population, size);
		emulator.resetCounters();
		return sample;
	}

	private BenchPopulation generate(Path dir, int persons) {
		progress.printf("[bench] generating %,d persons into %s...%n", persons, dir);
		return BenchPopulation.generate(dir.resolve("population"), persons, settings.apps(), settings.pages(),
				settings.seed());
	}

	private static NaiveBaseline naiveBaseline(GraphEmulator emulator, BenchPopulation population) {
		return new NaiveBaseline(emulator.baseUrl(), GraphClientConfig.DEFAULT_API_VERSION,
				new ScopeSigner(population.credentials()));
	}

	private static BatchedBaseline batchedBaseline(GraphEmulator emulator, BenchPopulation population) {
		return new BatchedBaseline(emulator.baseUrl(), GraphClientConfig.DEFAULT_API_VERSION,
				new ScopeSigner(population.credentials()));
	}

	private static Double ratio(Measurement job, Measurement baseline) {
		return baseline.idsPerSecond() == 0 ? null : job.idsPerSecond() / baseline.idsPerSecond();
	}

	/** The job's figures with its speed-ups: the ratios of the medians of IDs/s. */
	private static RunnerFigures withSpeedups(RunnerFigures job, RunnerFigures naive, RunnerFigures batched,
			String note) {
		return job.withSpeedups(ratio(job, naive), ratio(job, batched), note);
	}

	private static Double ratio(RunnerFigures job, RunnerFigures baseline) {
		double base = baseline.idsPerSecond().median();
		return base == 0 ? null : job.idsPerSecond().median() / base;
	}

	private String repetitionLabel(int repetition) {
		return settings.repeat() == 1 ? "" : " (run " + repetition + " of " + settings.repeat() + ")";
	}

	private static String seconds(Double cpuSeconds) {
		return cpuSeconds == null ? "–" : String.format(Locale.ROOT, "%.1f", cpuSeconds);
	}
}
