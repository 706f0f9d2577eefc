package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * on a sample. Checks the figures are there and consistent, never how fast anything was.
 */
class BenchCommandTest {

	@TempDir
	Path dir;

	@Test
	void runsScenariosOneAndFourAndWritesTheFigures() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--scenarios", "1,4", "--persons", "60", "--latency-ms", "0",
				"--baseline-sample", "10", "--postgres", "none", "--out", dir.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("| Scenario | Runner |", "naive", "batched");
		assertThat(Files.readString(dir.resolve("results.md"))).contains("calls per person, scenario 1",
				"The job's database: H2 file (embedded default)");

		JsonNode results = JsonMapper.builder().build().readTree(dir.resolve("results.json").toFile());
		List<JsonNode> rows = results.get("rows").valueStream().toList();
		assertThat(rows).extracting(r -> r.get("scenario").asInt() + "/" + r.get("runner").asString())
			.containsExactly("1/crosswalk", "1/naive", "1/batched", "4/crosswalk");

		JsonNode first = rows.get(0);
		assertThat(first.get("graph_calls").asLong()).isPositive();
		assertThat(first.get("calls_per_person").asDouble()).isPositive();
		assertThat(first.get("ids_per_second").asDouble()).isPositive();
		assertThat(first.get("peak_heap_bytes").asLong()).isPositive();
		assertThat(first.get("speedup_over_naive").isNumber()).isTrue();
		assertThat(first.get("speedup_over_batched").isNumber()).isTrue();
		// each baseline asks both edges of every sampled ID
		assertThat(rows.get(1).get("graph_calls").asLong()).isEqualTo(20);
		assertThat(rows.get(2).get("graph_calls").asLong()).isEqualTo(20);
		assertThat(rows.get(2).get("http_requests").asLong()).isEqualTo(1);
		// the re-run finds every ID fresh: only the credential check calls Graph
		assertThat(rows.get(3).get("graph_calls").asLong()).isLessThan(first.get("graph_calls").asLong());

		Map<String, JsonNode> targets = new java.util.HashMap<>();
		results.get("targets").forEach(t -> targets.put(t.get("name").asString(), t));
		assertThat(targets.get("scenario 4 calls / scenario 1 calls").get("met").isBoolean()).isTrue();
		assertThat(targets.get("quota utilisation, scenario 2").get("met").isNull()).isTrue();
	}

	@Test
	void byDefaultTheJobsRunOnAPostgresServerOfTheBenchsOwnThatIsGoneAfterwards() throws Exception {
		// what a killed bench leaves: a data directory initdb would refuse
		Path leftover = Files.createDirectories(dir.resolve("work").resolve("postgres"));
		Files.writeString(leftover.resolve("PG_VERSION"), "a killed bench's");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--scenarios", "1", "--persons", "40", "--latency-ms", "0",
				"--baseline-sample", "10", "--out", dir.toString() },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
		JsonNode results = JsonMapper.builder().build().readTree(dir.resolve("results.json").toFile());
		// set up as the server the README's figures were measured on, every commit flushed
		assertThat(results.get("settings").get("database").asString()).startsWith("the bench's own PostgreSQL at localhost:")
			.contains("(PostgreSQL 18", "fsync on", "synchronous_commit on", "max_wal_size 1GB");
		assertThat(results.get("rows").get(0).get("graph_calls").asLong()).isPositive();
		assertThat(dir.resolve("work").resolve("postgres")).as("the server's data, removed").doesNotExist();
	}

	@Test
	void refusesScenarioFourWithoutOne() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = BenchCommand.run(new String[] { "--scenarios", "4", "--out", dir.toString() },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(code).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("scenario 4 re-runs scenario 1");
	}
}
