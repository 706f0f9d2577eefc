package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench} end to end on a tiny population: the real job in its own JVM (scenarios 1 and 4) and both baselines
 * on a sample, repeated. Checks the figures are there and consistent, never how fast anything was.
 */
class BenchCommandTest {

	@TempDir
	Path dir;

	@Test
	void runsScenarioOneOnH2FilesAndWritesTheFigures() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--scenarios", "1", "--persons", "60", "--latency-ms", "0",
				"--baseline-sample", "10", "--postgres", "none", "--out", dir.toString() },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("| Scenario | Runner |", "naive", "batched");
		String markdown = Files.readString(dir.resolve("results.md"));
		assertThat(markdown).contains("calls per person, scenario 1", "The job's database: H2 file (embedded default)",
				"each runner once (`--repeat 1`)",
				"Database: H2 runs inside the job JVM: the database's CPU is in the job's");

		JsonNode results = JsonMapper.builder().build().readTree(dir.resolve("results.json").toFile());
		List<JsonNode> rows = results.get("rows").valueStream().toList();
		assertThat(rows).extracting(r -> r.get("scenario").asInt() + "/" + r.get("runner").asString())
			.containsExactly("1/crosswalk", "1/naive", "1/batched");

		JsonNode first = rows.get(0);
		assertThat(first.get("runs")).hasSize(1);
		assertThat(median(first, "graph_calls")).isPositive();
		assertThat(median(first, "calls_per_person")).isPositive();
		assertThat(median(first, "ids_per_second")).isPositive();
		assertThat(median(first, "peak_heap_bytes")).isPositive();
		assertThat(median(first, "speedup_over_naive")).isPositive();
		assertThat(median(first, "speedup_over_batched")).isPositive();
		// H2 works inside the job JVM: its CPU is the job's, and there is no server to measure
		assertThat(first.get("cpu_seconds").get("job_jvm").get("median").asDouble()).isPositive();
		assertThat(first.get("cpu_seconds").get("database").isNull()).isTrue();
		assertThat(results.get("database_cpu_not_measured").asString()).contains("inside the job JVM");
		// each baseline asks both edges of every sampled ID
		assertThat(median(rows.get(1), "graph_calls")).isEqualTo(20);
		assertThat(median(rows.get(2), "graph_calls")).isEqualTo(20);
		assertThat(rows.get(2).get("runs").get(0).get("http_requests").asLong()).isEqualTo(1);

		Map<String, JsonNode> targets = new java.util.HashMap<>();
		results.get("targets").forEach(t -> targets.put(t.get("name").asString(), t));
		assertThat(targets.get("calls per person, scenario 1").get("met").isBoolean()).isTrue();
		assertThat(targets.get("quota utilisation, scenario 2").get("met").isNull()).isTrue();
	}

	@Test
	void byDefaultTheJobsRunOnAPostgresServerOfTheBenchsOwnThatIsGoneAfterwards() throws Exception {
		// what a killed bench leaves: a data directory initdb would refuse
		Path leftover = Files.createDirectories(dir.resolve("work").resolve("postgres"));
		Files.writeString(leftover.resolve("PG_VERSION"), "a killed bench's");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--scenarios", "1,4", "--repeat", "2", "--persons", "40",
				"--latency-ms", "0", "--baseline-sample", "10", "--out", dir.toString() },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
		JsonNode results = JsonMapper.builder().build().readTree(dir.resolve("results.json").toFile());
		// set up as the server the README's figures were measured on, every commit flushed
		assertThat(results.get("settings").get("database").asString()).startsWith("the bench's own PostgreSQL at localhost:")
			.contains("(PostgreSQL 18", "fsync on", "synchronous_commit on", "max_wal_size 1GB");
		assertThat(dir.resolve("work").resolve("postgres")).as("the server's data, removed").doesNotExist();

		// every runner ran twice; each row keeps both runs beside their median and range
		List<JsonNode> rows = results.get("rows").valueStream().toList();
		assertThat(rows).extracting(r -> r.get("scenario").asInt() + "/" + r.get("runner").asString())
			.containsExactly("1/crosswalk", "1/naive", "1/batched", "4/crosswalk");
		for (JsonNode row : rows) {
			assertThat(row.get("repetitions").asInt()).isEqualTo(2);
			assertThat(row.get("runs").valueStream().map(r -> r.get("repetition").asInt())).containsExactly(1, 2);
			for (String figure : List.of("wall_seconds", "ids_per_second", "graph_calls")) {
				JsonNode spread = row.get(figure);
				double a = row.get("runs").get(0).get(figure).asDouble();
				double b = row.get("runs").get(1).get(figure).asDouble();
				assertThat(spread.get("min").asDouble()).isEqualTo(Math.min(a, b));
				assertThat(spread.get("max").asDouble()).isEqualTo(Math.max(a, b));
				assertThat(spread.get("median").asDouble()).isCloseTo((a + b) / 2, offset(1e-9));
			}
		}
		JsonNode first = rows.get(0);
		JsonNode rerun = rows.get(3);
		for (int run = 0; run < 2; run++) {
			JsonNode cpu = first.get("runs").get(run).get("cpu_seconds");
			assertThat(cpu.get("job_jvm").asDouble()).as("the job JVM's CPU").isPositive();
			assertThat(cpu.get("database").asDouble()).as("the PostgreSQL server's CPU").isPositive();
			assertThat(cpu.get("emulator_bench_jvm").asDouble()).as("the emulator's CPU").isPositive();
			assertThat(cpu.get("machine").asDouble()).isGreaterThanOrEqualTo(cpu.get("job_jvm").asDouble());
			assertThat(rerun.get("runs").get(run).get("cpu_seconds").get("database").asDouble()).isPositive();
			// each scenario 1 run starts on an empty database, and scenario 4 follows it on what it left
			assertThat(first.get("runs").get(run).get("graph_calls").asLong())
				.isEqualTo(first.get("runs").get(0).get("graph_calls").asLong());
			assertThat(rerun.get("runs").get(run).get("graph_calls").asLong())
				.isLessThan(first.get("runs").get(run).get("graph_calls").asLong());
		}
		assertThat(first.get("cpu_seconds").get("database").get("median").asDouble()).isPositive();
		assertThat(first.get("speedup_over_batched").get("min").asDouble())
			.isLessThanOrEqualTo(first.get("speedup_over_batched").get("max").asDouble());
		assertThat(results.get("database_cpu_not_measured").isNull()).isTrue();
		assertThat(results.get("scenarios").get(0).get("load_average_at_start").get("one_minute").isNumber()).isTrue();

		String markdown = Files.readString(dir.resolve("results.md"));
		assertThat(markdown).startsWith("# Bench results, ")
			.contains("UTC", "- Commit: ", "- Machine: ", "load average (1 / 5 / 15 min)", "- JVM: ",
					"each runner 2 times (`--repeat 2`): medians, min–max in brackets",
					"| Job JVM | Database | Emulator (bench JVM) |", "scenario 4 calls / scenario 1 calls");
		Map<String, JsonNode> targets = new java.util.HashMap<>();
		results.get("targets").forEach(t -> targets.put(t.get("name").asString(), t));
		assertThat(targets.get("scenario 4 calls / scenario 1 calls").get("met").isBoolean()).isTrue();
	}

	@Test
	void refusesARepeatBelowOne() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--repeat", "0", "--out", dir.toString() },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--repeat must be at least 1");
	}

	@Test
	void refusesScenarioFourWithoutOne() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--scenarios", "4", "--out", dir.toString() },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("scenario 4 re-runs scenario 1");
	}

	private static double median(JsonNode row, String figure) {
		return row.get(figure).get("median").asDouble();
	}
}
