package com.crosswalk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.crosswalk.bench.BenchResults;
import com.crosswalk.bench.BenchSettings;
import com.crosswalk.bench.Benchmark;

/** {@code ./run.sh bench}: the job against two baselines on the emulator; writes results.json and results.md. */
public final class BenchCommand {

	static final String USAGE = """
			Usage: ./run.sh bench [options]
			Generates populations, serves them from the Graph API emulator, runs the real job (reconcile, in a JVM of
			its own) and two baselines (naive: 2 GETs per ID in a loop; batched: 2 edges per ID, 50 per batch, one
			batch at a time) against them, then prints the tables and writes DIR/results.json and DIR/results.md:
			per runner wall time, IDs/s, calls, peak heap and RSS; per job run the CPU-seconds of the job JVM, the
			database server, the emulator (the bench JVM) and the rest of the machine; the load average per scenario.
			On a shared machine give --repeat 3 and read the medians (docs/bench-method.md).
			Scenarios: 1 latency-bound, 2 quota-bound, 3 scale (-Xmx capped), 4 nightly re-run of scenario 1,
			5 workers: latency-bound at 300 ms a request, the job on 1, 2 and 4 worker JVMs and in one JVM allowed
			4x the default max-in-flight, side by side (PostgreSQL only; several minutes, so not in the default set:
			ask for it, --scenarios 5). Scenario 2 also runs the job on 2 workers (--quota-workers), which doubles it.
			  --scenarios LIST      which scenarios, e.g. 1,4 or 5                    default 1,2,3,4
			  --persons N           persons in scenarios 1 and 4                      default 100000
			  --latency-ms N        emulator latency per HTTP request, scenario 1     default 30
			  --scale-ids N         input IDs in scenario 3 (about)                   default 1000000
			  --job-heap SIZE       -Xmx of the job JVM                               default 512m
			  --baseline-sample N   IDs both baselines run on (first of the input)    default naive 1000, batched 10000
			  --naive-sample N      IDs the naive baseline runs on
			  --batched-sample N    IDs the batched baseline runs on
			  --quota-persons N     persons in scenario 2                             default 10000
			  --quota-budget N      calls per window per app and per Page, scen. 2   default 1000
			  --quota-seconds N     rate-limit window of scenario 2, seconds          default 60
			  --quota-workers N     scenario 2 also runs the job on N worker JVMs     default 2
			                        (0: not; left out with --postgres none)
			  --workers-persons N   persons in scenario 5                             default 60000
			  --workers-latency-ms N  emulator latency per request, scenario 5        default 300
			  --worker-counts LIST  scenario 5's runs on workers, 1 among them; the   default 1,2,4
			                        one-JVM run has the largest x the default max-in-flight
			  --apps N / --pages N  assets of the generated business                  default 2 / 3
			  --seed S              population seed                                   default 42
			  --postgres URL        where the jobs keep their data, a database of its own per scenario
			                        (crosswalk_bench_s1, ...) dropped and created afresh: "embedded" (default)
			                        starts a PostgreSQL server of the bench's own (the Linux x86-64 binaries the
			                        tests use; shared_buffers 2GB, or a quarter of a smaller machine's memory;
			                        max_wal_size 16GB) and removes it at the end; a URL such as
			                        jdbc:postgresql://localhost:5432/postgres uses that server; "none" uses an
			                        H2 file per scenario, the job's own default database
			  --postgres-user USER  its user; the password comes from SPRING_DATASOURCE_PASSWORD
			  --repeat N            times each runner runs, the table gives medians   default 1
			                        with min–max (results.json: every run too); each job run of
			                        scenarios 1-3 and 5 on a fresh database, scenario 4 after each run of 1
			  --profile true        record a JFR profile of each job run (in the work directory)
			  --out DIR             where results go (work files under DIR/work)      default out/bench
			""";

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("bench", Set.of("scenarios", "persons", "latency-ms", "scale-ids", "job-heap",
			"baseline-sample", "naive-sample", "batched-sample", "quota-persons", "quota-budget", "quota-seconds",
			"quota-workers", "workers-persons", "workers-latency-ms", "worker-counts", "apps", "pages", "seed",
			"profile", "repeat", "out", "postgres", "postgres-user")).withoutSettings();

	private BenchCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		Options.Parsed<BenchSettings> parsed = Options.read(args, GRAMMAR, USAGE, out, err, BenchCommand::settings);
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		BenchSettings settings = parsed.value();
		try {
			BenchResults results = Benchmark.run(settings, out);
			String markdown = results.write(settings.outDir());
			out.println();
			out.print(markdown);
			out.println();
			out.println("Wrote " + settings.outDir().resolve("results.json") + " and "
					+ settings.outDir().resolve("results.md"));
			return ExitCode.OK;
		}
		catch (IOException | RuntimeException ex) {
			err.println("bench: " + ex.getMessage());
			return ExitCode.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("bench: interrupted");
			return ExitCode.FAILED;
		}
	}

	private static BenchSettings settings(Options parsed) {
		BenchSettings.Builder builder = BenchSettings.custom()
			.scenarios(scenarios(parsed.get("scenarios", "1,2,3,4")))
			.latency(Duration.ofMillis(parsed.integer("latency-ms", 30, 0)))
			.jobHeap(parsed.get("job-heap", "512m"))
			.seed(parsed.longValue("seed", 42))
			.profile(Boolean.parseBoolean(parsed.get("profile", "false")))
			.repeat(parsed.integer("repeat", 1, 1))
			.outDir(Path.of(parsed.get("out", "out/bench")));
		int sample = parsed.integer("baseline-sample", 0, 1);
		if (sample > 0) {
			builder.naiveSample(sample).batchedSample(sample);
		}
		int naive = parsed.integer("naive-sample", 0, 1);
		if (naive > 0) {
			builder.naiveSample(naive);
		}
		int batched = parsed.integer("batched-sample", 0, 1);
		if (batched > 0) {
			builder.batchedSample(batched);
		}
		int persons = parsed.integer("persons", 0, 1);
		if (persons > 0) {
			builder.persons(persons);
		}
		int scaleIds = parsed.integer("scale-ids", 0, 1);
		if (scaleIds > 0) {
			builder.scaleIds(scaleIds);
		}
		int quotaPersons = parsed.integer("quota-persons", 0, 1);
		if (quotaPersons > 0) {
			builder.quotaPersons(quotaPersons);
		}
		int quotaBudget = parsed.integer("quota-budget", 0, 1);
		if (quotaBudget > 0) {
			builder.quotaBudget(quotaBudget);
		}
		int quotaSeconds = parsed.integer("quota-seconds", 0, 1);
		if (quotaSeconds > 0) {
			builder.quotaWindow(Duration.ofSeconds(quotaSeconds));
		}
		builder.quotaWorkers(parsed.integer("quota-workers", 2, 0));
		int workersPersons = parsed.integer("workers-persons", 0, 1);
		if (workersPersons > 0) {
			builder.workersPersons(workersPersons);
		}
		builder.workersLatency(Duration.ofMillis(parsed.integer("workers-latency-ms", 300, 0)));
		builder.workerCounts(List.copyOf(numbers(parsed.get("worker-counts", "1,2,4"), "--worker-counts", "1,2,4")));
		int apps = parsed.integer("apps", 0, 1);
		if (apps > 0) {
			builder.apps(apps);
		}
		builder.pages(parsed.integer("pages", 3, 0));
		builder.postgres(parsed.get("postgres", BenchSettings.EMBEDDED_POSTGRES), parsed.get("postgres-user", null));
		return builder.build();
	}

	private static Set<Integer> scenarios(String list) {
		return numbers(list, "--scenarios", "1,4");
	}

	private static Set<Integer> numbers(String list, String option, String example) {
		try {
			return Arrays.stream(list.split(","))
				.map(String::trim)
				.filter(s -> !s.isEmpty())
				.map(Integer::valueOf)
				.collect(Collectors.toCollection(LinkedHashSet::new));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(option + " must list numbers, e.g. " + example + "; was " + list);
		}
	}
}
