package com.crosswalk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Scenario 5's table and targets, and the targets of scenario 2's run on workers, computed from given figures: each
 * runner's IDs/s over those on one worker (ratio of the medians, range of the ratios run by run).
 */
class BenchResultsTest {

	private static final String S5 = Benchmark.WORKERS + " (300 ms/request)";

	private static final String S2 = Benchmark.QUOTA + " (1000 calls per 60 s per app and per Page)";

	private final BenchSettings settings = BenchSettings.custom().scenarios(java.util.Set.of(2, 5)).build();

	private final BenchMachine machine = new BenchMachine("abc1234", 2, "test CPU", 1L << 33, "Linux", "Java 17");

	@Test
	void scenarioFiveGivesEachRunnersRateOverOneWorkersAndTheTargets() {
		// 1,000 IDs of 500 persons; two repetitions each
		List<Measurement> one = List.of(run(5, S5, Benchmark.onWorkers(1), 1, 10.0, 450),
				run(5, S5, Benchmark.onWorkers(1), 2, 20.0, 450));
		List<Measurement> two = List.of(run(5, S5, Benchmark.onWorkers(2), 1, 5.0, 450),
				run(5, S5, Benchmark.onWorkers(2), 2, 10.0, 450));
		List<Measurement> four = List.of(run(5, S5, Benchmark.onWorkers(4), 1, 4.0, 470),
				run(5, S5, Benchmark.onWorkers(4), 2, 5.0, 470));
		List<Measurement> jvm = List.of(run(5, S5, Benchmark.oneJvm(32), 1, 10.0, 450),
				run(5, S5, Benchmark.oneJvm(32), 2, 10.0, 450));
		List<RunnerFigures> rows = new ArrayList<>();
		for (List<Measurement> runs : List.of(one, two, four, jvm)) {
			rows.add(RunnerFigures.of(runs).relativeTo(one));
		}

		BenchResults results = results(rows);

		// IDs/s: 1 worker 100 and 50 (median 75), 2 workers 200 and 100 (150), 4 workers 250 and 200 (225)
		assertThat(rows.get(1).perOneWorker().median()).isEqualTo(2.0);
		assertThat(rows.get(2).perOneWorker().median()).isEqualTo(3.0);
		assertThat(rows.get(2).perOneWorker().min()).isEqualTo(2.5);
		assertThat(rows.get(2).perOneWorker().max()).isEqualTo(4.0);
		String markdown = results.markdown();
		assertThat(markdown).contains("Scenario 5, " + S5 + ", each runner on an empty database:",
				"| Runner | Wall s | IDs/s | Graph calls | Calls/person | × 1 worker | Lookup s | Lookup IDs/s"
						+ " | Lookup × 1 worker |",
				"| crosswalk, 1 worker | 15.0 (10.0–20.0) | 75.0 (50.0–100.0) | 450 | 0.900 | 1.00× | 7.5 (5.0–10.0)"
						+ " | 150.0 (100.0–200.0) | 1.00× |",
				"| crosswalk, 2 workers | 7.5 (5.0–10.0) | 150.0 (100.0–200.0) | 450 | 0.900 | 2.00× |",
				"| crosswalk, 4 workers | 4.5 (4.0–5.0) | 225.0 (200.0–250.0) | 470 | 0.940 | 3.00× (2.50×–4.00×) |"
						+ " 2.3 (2.0–2.5) | 450.0 (400.0–500.0) | 3.00× (2.50×–4.00×) |",
				"| crosswalk, 1 JVM, max-in-flight 32 | 10.0 | 100.0 | 450 | 0.900 | 1.33× (1.00×–2.00×) |",
				"the manager's and its worker JVMs' together");

		Map<String, BenchResults.Target> targets = targets(results);
		assertThat(targets.get("scenario 5, IDs/s on 2 workers / on 1 worker").met()).isTrue();
		assertThat(targets.get("scenario 5, IDs/s on 4 workers / on 1 worker"))
			.extracting(BenchResults.Target::measured, BenchResults.Target::met)
			.containsExactly("3.00× (2.50×–4.00×)", false);
		assertThat(targets.get("scenario 5, lookup IDs/s on 4 workers / on 1 worker (lookup alone)"))
			.extracting(BenchResults.Target::measured, BenchResults.Target::met)
			.containsExactly("3.00× (2.50×–4.00×)", false);
		// 0.940 against 0.900 is 4.4 % more
		assertThat(targets.get("scenario 5, calls per person against 1 worker's"))
			.extracting(BenchResults.Target::measured, BenchResults.Target::met)
			.containsExactly("1 worker 0.900; 2 workers 0.900; 4 workers 0.940; 1 JVM, max-in-flight 32 0.900", false);
		assertThat(targets.get("quota utilisation, scenario 2 on 2 workers").met()).isNull();
	}

	@Test
	void scenarioTwosRunOnWorkersHasQuotaTargetsOfItsOwn() {
		Measurement inOneJvm = quotaRun(Benchmark.JOB, 0.98, 0);
		Measurement onTwo = quotaRun(Benchmark.onWorkers(2), 0.93, 6);

		BenchResults results = results(
				List.of(RunnerFigures.of(List.of(inOneJvm)), RunnerFigures.of(List.of(onTwo))));

		Map<String, BenchResults.Target> targets = targets(results);
		assertThat(targets.get("quota utilisation, scenario 2").met()).isTrue();
		assertThat(targets.get("throttled answers, scenario 2").met()).isTrue();
		assertThat(targets.get("quota utilisation, scenario 2 on 2 workers"))
			.extracting(BenchResults.Target::measured, BenchResults.Target::met)
			.containsExactly("0.930", false);
		// 6 of 1,000 calls: 0.6 %
		assertThat(targets.get("throttled answers, scenario 2 on 2 workers"))
			.extracting(BenchResults.Target::measured, BenchResults.Target::met)
			.containsExactly("0.60% (6 of 1000)", false);
		assertThat(targets.get("scenario 5, IDs/s on 2 workers / on 1 worker").met()).isNull();
		assertThat(results.markdown()).contains("| 2. " + S2 + " | crosswalk, 2 workers |")
			.doesNotContain("× 1 worker");
	}

	private BenchResults results(List<RunnerFigures> rows) {
		return new BenchResults(settings, "the bench's own PostgreSQL", null, machine, Instant.now(), rows,
				List.of());
	}

	private static Map<String, BenchResults.Target> targets(BenchResults results) {
		return results.targets()
			.stream()
			.collect(Collectors.toMap(BenchResults.Target::name, Function.identity()));
	}

	/** Half of each run's wall time is its lookup. */
	private static Measurement run(int scenario, String name, String runner, int repetition, double wallSeconds,
			long calls) {
		return new Measurement(scenario, name, runner, repetition, 1_000, false, 500, calls, calls / 50,
				wallSeconds, wallSeconds - 2, wallSeconds / 2, null, null, 0, 0, 100L << 20, 300L << 20,
				new RunCpu(5.0, 2.0, 1.0, 9.0), null, null, null);
	}

	private static Measurement quotaRun(String runner, double utilisation, long throttled) {
		return new Measurement(2, S2, runner, 1, 1_000, false, 500, 1_000, 20, 120.0, 118.0, 100.0, utilisation, 60.0,
				throttled, throttled, 100L << 20, 300L << 20, new RunCpu(5.0, 2.0, 1.0, 9.0), null, null, null);
	}
}
