package com.crosswalk.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.AppCredentials;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.graph.PageCredentials;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every run leaves its final values in out/metrics.prom (Prometheus text format, for node_exporter's textfile
 * collector) and, when a Pushgateway is configured, PUTs the same to it as the run ends: here a loopback receiver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunMetricsTests {

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	HttpServer pushgateway;

	final List<String> pushes = new CopyOnWriteArrayList<>();

	@BeforeAll
	void setUp() throws Exception {
		population = Population.generate(tmp.resolve("population"), 60, 2, 3, 61L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		pushgateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		pushgateway.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "\n" + body);
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		pushgateway.start();
	}

	@AfterAll
	void tearDown() {
		pushgateway.stop(0);
		emulator.close();
	}

	@Test
	void aRunWritesItsMetricsFileAndPushesTheSameValuesWhenItEnds() throws Exception {
		Path out = tmp.resolve("out");
		CommandRun run = reconcile(population.input(), out, "--management.prometheus.metrics.export.pushgateway.enabled=true",
				"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + pushgateway.getAddress().getPort());

		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		String metrics = Files.readString(out.resolve("metrics.prom"));
		JsonNode summary = JsonMapper.builder().build().readTree(out.resolve("run-summary.json").toFile());
		assertThat(metrics).contains(
				"crosswalk_run_exit_code " + (double) run.exitCode(),
				"crosswalk_run_completed 1.0",
				"crosswalk_run_end_timestamp_seconds ",
				"crosswalk_run_duration_seconds ",
				"crosswalk_rows_read_total " + summary.get("rows_read").asDouble(),
				"crosswalk_rows_accepted_total " + summary.get("rows_accepted").asDouble(),
				"crosswalk_rows_rejected_total " + summary.get("rows_rejected").asDouble(),
				"crosswalk_ids_total{outcome=\"resolved\"} " + summary.get("ids_resolved").asDouble(),
				"crosswalk_ids_total{outcome=\"blocked\"} " + summary.get("ids_blocked_pending_review").asDouble(),
				"crosswalk_ids_total{outcome=\"failed_auth\"} " + summary.get("ids_failed_auth").asDouble(),
				"crosswalk_ids_total{outcome=\"unavailable\"} " + summary.get("ids_unavailable").asDouble(),
				"crosswalk_graph_calls_total " + summary.get("graph_calls").asDouble(),
				"crosswalk_http_requests_total " + summary.get("http_requests").asDouble(),
				"crosswalk_graph_retries_total " + summary.get("retries").asDouble(),
				"crosswalk_graph_throttle_waits_total " + summary.get("throttle_waits").asDouble(),
				"crosswalk_step_duration_seconds{step=\"importStep\"} ",
				"crosswalk_step_duration_seconds{step=\"lookupStep\"} ",
				// Spring Batch's own observations, on the same registry
				"spring_batch_step_seconds_count{",
				"spring_batch_job_seconds_count{");
		assertNoSecretsOrIds(metrics);

		// Spring Boot's push manager also POSTs every push-rate while the run goes on; the last push is the final PUT
		assertThat(pushes).as("pushes").isNotEmpty();
		assertThat(pushes.get(pushes.size() - 1)).as("the push as the run ended")
			.startsWith("PUT /metrics/job/crosswalk\n")
			.contains("crosswalk_run_exit_code " + (double) run.exitCode(),
					"crosswalk_rows_read_total " + summary.get("rows_read").asDouble(),
					"crosswalk_graph_calls_total " + summary.get("graph_calls").asDouble(),
					"spring_batch_step_seconds_count{");
		assertNoSecretsOrIds(pushes.get(pushes.size() - 1));
		assertThat(out).isDirectoryNotContaining("glob:**.partial");
	}

	@Test
	void aRunThatFailsOnItsInputStillWritesItsOutcome() throws Exception {
		Path empty = tmp.resolve("empty.csv");
		Files.write(empty, new byte[0]);
		Path out = tmp.resolve("out-empty");

		CommandRun run = reconcile(empty, out);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(Files.readString(out.resolve("metrics.prom"))).contains("crosswalk_run_exit_code 2.0",
				"crosswalk_run_completed 0.0", "crosswalk_rows_read_total 0.0");
	}

	private CommandRun reconcile(Path input, Path out, String... more) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", input.toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out", out.toString() },
				more, TestDatabase.h2(out.resolveSibling(out.getFileName() + "-db")).options()));
	}

	/** Labels carry outcomes and step names only: no credential, no ID of a person. */
	private void assertNoSecretsOrIds(String text) throws Exception {
		BusinessCredentials business = BusinessCredentialsLoader.load(population.businessFile(), Map.of());
		for (AppCredentials app : business.apps()) {
			assertThat(text).doesNotContain(app.secret()).doesNotContain(app.appId());
		}
		for (PageCredentials page : business.pages()) {
			assertThat(text).doesNotContain(page.pageToken()).doesNotContain(page.pageId());
		}
		String firstId = Files.readAllLines(population.input()).get(1).split(",")[3];
		assertThat(text).doesNotContain(firstId);
	}
}
