package com.crosswalk.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import com.crosswalk.graph.ScopedId;

/**
 * Runs the scenarios: generates each population, serves it from an emulator in this JVM, runs the real job against
 * it in a JVM of its own, then the two baselines, and collects one {@link Measurement} per runner.
 */
public final class Benchmark {

	static final String LATENCY = "latency-bound";

	static final String QUOTA = "quota-bound";

	static final String SCALE = "scale";

	static final String NIGHTLY = "nightly re-run";

	private final BenchSettings settings;

	private final PrintStream progress;

	private final BenchDatabase database;

	private final JobProcess job;

	private Benchmark(BenchSettings settings, BenchDatabase database, PrintStream progress) {
		this.settings = settings;
		this.database = database;
		this.progress = progress;
		this.job = new JobProcess(settings.jobHeap(), settings.profile());
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
		List<Measurement> rows = new ArrayList<>();
		if (settings.runs(1)) {
			rows.addAll(latencyBound());
		}
		if (settings.runs(2)) {
			rows.addAll(quotaBound());
		}
		if (settings.runs(3)) {
			rows.addAll(scale());
		}
		return new BenchResults(settings, database.description(), rows);
	}

	/** Scenario 1, and scenario 4 on the same emulator, database and input right after it. */
	private List<Measurement> latencyBound() throws IOException, InterruptedException {
		Path dir = settings.workDir().resolve("s1");
		BenchPopulation population = generate(dir, settings.persons());
		EmulatorConfig config = EmulatorConfig.custom().latency(settings.latency()).build();
		String name = LATENCY + " (" + settings.latency().toMillis() + " ms/request)";
		List<Measurement> rows = new ArrayList<>();
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), config)) {
			// baselines first: see scale()
			Measurement naive = runBaseline(1, name, naiveBaseline(emulator, population), emulator, population,
					settings.naiveSample());
			Measurement batched = runBaseline(1, name, batchedBaseline(emulator, population), emulator, population,
					settings.batchedSample());
			Measurement first = runJob(1, name, emulator, population, dir, Start.EMPTY_DATABASE, List.of(), null);
			rows.add(first.withSpeedups(ratio(first, naive), ratio(first, batched), null));
			rows.add(naive);
			rows.add(batched);
			if (settings.runs(4)) {
				Measurement rerun = runJob(4, NIGHTLY + " of scenario 1", emulator, population, dir,
						Start.DATABASE_AS_LEFT, List.of(), null);
				rows.add(rerun.withSpeedups(ratio(rerun, naive), ratio(rerun, batched),
						"baselines keep no state and would redo scenario 1: speed-ups use their scenario 1 rates"));
			}
		}
		return rows;
	}

	/**
	 * Scenario 2: every app and Page has a budget per short window, with usage headers and throttling answers; the
	 * job is given the same budgets. The baselines are not run: under a quota a runner's rate is the budget divided by
	 * its calls per ID, so their speed-ups are derived from the calls per ID each needs (measured in scenario 1 or on
	 * a sample here).
	 */
	private List<Measurement> quotaBound() throws IOException, InterruptedException {
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
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), config)) {
			Fixture fixture = population.fixture();
			List<String> scopes = Stream.concat(fixture.apps().stream().map(Fixture.App::id),
					fixture.pages().stream().map(Fixture.Page::id)).toList();
			Measurement run = runJob(2, name, emulator, population, dir, Start.EMPTY_DATABASE, budgets,
					counters -> QuotaMeter.measure(counters, scopes, budget, window));
			Files.write(dir.resolve("calls-per-second.csv"), QuotaMeter.callsPerSecond(emulator.counters(), scopes));
			// Both baselines read two edges per ID whatever the quota; measured on a small unthrottled sample
			Measurement sampleRates = sampleCallsPerId(emulator, population);
			double baselineCallsPerId = sampleRates.callsPerId();
			Double derived = run.callsPerId() == 0 ? null : baselineCallsPerId / run.callsPerId();
			return List.of(run.withSpeedups(derived, derived, String.format(Locale.ROOT,
					"baselines not run under the quota: at equal budget the rate is budget / calls per ID, and both"
							+ " need %.2f calls per ID (measured on %d IDs), so speed-ups are that ratio",
					baselineCallsPerId, sampleRates.ids())));
		}
	}

	/** Scenario 3: about {@code scaleIds} input IDs, no latency, the job's heap capped. */
	private List<Measurement> scale() throws IOException, InterruptedException {
		Path dir = settings.workDir().resolve("s3");
		BenchPopulation calibration = generate(settings.workDir().resolve("s3-calibration"), 2_000);
		double idsPerPerson = (double) calibration.inputIds() / calibration.persons();
		int persons = (int) Math.max(1, Math.round(settings.scaleIds() / idsPerPerson));
		BenchPopulation population = generate(dir, persons);
		String name = SCALE + " (-Xmx" + settings.jobHeap() + ", no latency)";
		try (GraphEmulator emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.defaults())) {
			// The emulator stands in for Facebook's servers but runs in this JVM, on the job's cores: whoever calls it
			// first also pays for its JIT compilation. The baselines go first (and hardly notice: one waits for each
			// answer, the other for each batch), so the job meets a warmed emulator, as they did when it went first.
			Measurement naive = runBaseline(3, name, naiveBaseline(emulator, population), emulator, population,
					settings.naiveSample());
			Measurement batched = runBaseline(3, name, batchedBaseline(emulator, population), emulator, population,
					settings.batchedSample());
			Measurement run = runJob(3, name, emulator, population, dir, Start.EMPTY_DATABASE, List.of(), null);
			return List.of(run.withSpeedups(ratio(run, naive), ratio(run, batched), null), naive, batched);
		}
	}

	private interface QuotaReading {
		QuotaMeter.Utilisation read(EmulatorCounters counters);
	}

	/** Whether a scenario's job starts on an empty database or on the one its scenario's last run left. */
	private enum Start {
		EMPTY_DATABASE, DATABASE_AS_LEFT
	}

	private Measurement runJob(int scenario, String name, GraphEmulator emulator, BenchPopulation population,
			Path dir, Start start, List<String> extraOptions, QuotaReading quota) throws IOException, InterruptedException {
		progress.printf("[bench] scenario %d: running the job on %,d input IDs...%n", scenario, population.inputIds());
		emulator.resetCounters();
		Path out = dir.resolve("out").toAbsolutePath();
		List<String> options = new ArrayList<>(List.of("--input", population.input().toAbsolutePath().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file",
				population.businessFile().toAbsolutePath().toString(), "--out", out.toString()));
		options.addAll(database.jobOptions(dir, start == Start.EMPTY_DATABASE));
		options.addAll(extraOptions);
		JobProcess.Result result = job.run(dir.resolve("job"), out, options);
		if (result.exitCode() != 0 && result.exitCode() != 3) {
			throw new IllegalStateException("the job failed (exit " + result.exitCode() + "); see " + result.log());
		}
		EmulatorCounters.Snapshot counted = emulator.counters().snapshot();
		QuotaMeter.Utilisation utilisation = quota == null ? null : quota.read(emulator.counters());
		Measurement row = new Measurement(scenario, name, "crosswalk", population.inputIds(), false,
				population.persons(), counted.calls(), counted.httpRequests(), result.wallSeconds(),
				result.summaryDouble("elapsed_seconds"), utilisation == null ? null : utilisation.utilisation(),
				utilisation == null ? null : utilisation.saturatedSeconds(), counted.calls(CallOutcome.THROTTLED),
				result.summaryLong("retries"), result.peakHeapBytes(), result.peakRssBytes(), null, null, null);
		progress.printf("[bench]   %,d calls, %.1f s, %,.0f IDs/s%n", row.calls(), row.wallSeconds(),
				row.idsPerSecond());
		return row;
	}

	private Measurement runBaseline(int scenario, String name, Baseline baseline, GraphEmulator emulator,
			BenchPopulation population, int sampleSize) throws InterruptedException {
		List<ScopedId> sample = population.sample(sampleSize);
		progress.printf("[bench] scenario %d: %s baseline on %,d IDs...%n", scenario, baseline.name(), sample.size());
		emulator.resetCounters();
		Baseline.Run run = baseline.run(sample);
		EmulatorCounters.Snapshot counted = emulator.counters().snapshot();
		boolean sampled = sample.size() < population.inputIds();
		String note = sampled ? "first " + sample.size() + " input IDs" : null;
		if (run.answered() < run.ids()) {
			note = (note == null ? "" : note + "; ") + (run.ids() - run.answered()) + " IDs not answered";
		}
		Measurement row = new Measurement(scenario, name, baseline.name(), run.ids(), sampled, null, counted.calls(),
				counted.httpRequests(), run.wallSeconds(), null, null, null, counted.calls(CallOutcome.THROTTLED),
				run.retries(), null, null, null, null, note);
		progress.printf("[bench]   %,d calls, %.1f s, %,.1f IDs/s%n", row.calls(), row.wallSeconds(),
				row.idsPerSecond());
		return row;
	}

	/** Calls per ID of the batched baseline on a small sample, budgets fresh (the baseline sends 2 per ID). */
	private Measurement sampleCallsPerId(GraphEmulator emulator, BenchPopulation population)
			throws InterruptedException {
		int size = Math.max(1, Math.min(settings.quotaBudget() / 4, 200));
		Measurement sample = runBaseline(2, QUOTA, batchedBaseline(emulator, population), emulator, population, size);
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
}
