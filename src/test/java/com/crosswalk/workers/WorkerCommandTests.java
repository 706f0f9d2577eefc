package com.crosswalk.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.config.ConfigException;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * What the workers' commands tell a person, and that doing what they say works: workers started by hand on a broker
 * the manager was pointed at, the database they need, the broker's port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerCommandTests {

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	@BeforeAll
	void population() {
		population = Population.generate(tmp.resolve("population"), 300, 2, 2, 5L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
	}

	@AfterAll
	void stopEmulator() {
		emulator.close();
	}

	@Test
	void aManagerWhoseWorkersNeverCameSaysHowToStartThemAndTheSameCommandThenCompletes() throws Exception {
		TestDatabase database = TestDatabase.postgres();
		int port = freePort();
		try (EmbeddedBroker broker = EmbeddedBroker.start(port, tmp.resolve("broker"))) {
			String brokerUrl = "tcp://localhost:" + port;
			String[] reconcile = CommandRun.concat(job(tmp.resolve("out")), database.options(), new String[] {
					"--crosswalk.workers.broker-url=" + brokerUrl, "--crosswalk.workers.stall-after=2s" });

			CommandRun alone = CommandRun.of(reconcile);

			assertThat(alone.exitCode()).as(alone.toString()).isEqualTo(ExitCode.FAILED);
			assertThat(alone.err()).contains("no worker took it")
				.contains("start workers with './run.sh worker --broker URL --db-url URL' and run the same command again");

			JobProcess worker = JobProcess.start(tmp.resolve("worker-logs"), "worker", CommandRun.concat(
					new String[] { "worker", "--broker", brokerUrl, "--graph-url", emulator.baseUrl(),
							"--business-file", population.businessFile().toString(), "--out",
							tmp.resolve("worker-out").toString() },
					database.options()));
			try {
				assertThat(worker.awaitWhileAlive(() -> worker.out().contains("Worker running"), Duration.ofMinutes(1)))
					.as("the worker started: %s", worker).isTrue();
				CommandRun again = CommandRun.of(reconcile);

				assertThat(again.exitCode()).as(again + "\n--- worker\n" + worker).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
				assertThat(again.out()).as("the run the first start began, resumed").contains("Crosswalk run 1 (execution 2)");
				CommandRun status = CommandRun.of(CommandRun.concat(new String[] { "status" }, database.options()));
				assertThat(status.out()).as("the partitions the worker ran").contains(worker.pid() + "@");
			}
			finally {
				worker.kill();
			}
		}
	}

	@Test
	void workersNeedPostgreSqlAndARunWithoutThemDoesNot() {
		TestDatabase h2 = TestDatabase.h2(tmp.resolve("h2"));
		String[] job = CommandRun.concat(job(tmp.resolve("h2-out")), h2.options());

		CommandRun refused = CommandRun.of(CommandRun.concat(job, new String[] { "--workers", "2" }));

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(refused.err()).contains("crosswalk.workers")
			.contains("give a PostgreSQL database (--db-url jdbc:postgresql://host/db), or run without --workers");
		CommandRun without = CommandRun.of(job);
		assertThat(without.exitCode()).as(without.toString()).isEqualTo(ExitCode.DONE_WITH_BLOCKED);
	}

	@Test
	void aManagerWhoseBrokerDoesNotAnswerFailsAsATransientFailure() throws IOException {
		TestDatabase database = TestDatabase.postgres();
		String[] reconcile = CommandRun.concat(job(tmp.resolve("no-broker-out")), database.options(),
				new String[] { "--crosswalk.workers.broker-url=tcp://localhost:" + freePort() });

		CommandRun run = CommandRun.of(reconcile);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(run.err()).contains("the broker at tcp://localhost:").contains("did not take the lookup's partitions")
			.contains("Run the same command again");
	}

	@Test
	void aWorkerWithoutABrokerSaysWhichOptionIsMissing() {
		CommandRun worker = CommandRun.of(CommandRun.concat(new String[] { "worker" },
				TestDatabase.postgres().options()));

		assertThat(worker.exitCode()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(worker.err()).contains("--broker is missing");
	}

	@Test
	void anEmbeddedBrokerOnATakenPortNamesTheSettingThatMovesIt() throws IOException {
		int port = freePort();
		// another manager's broker
		try (EmbeddedBroker first = EmbeddedBroker.start(port, tmp.resolve("first"))) {
			assertThatThrownBy(() -> EmbeddedBroker.start(port, tmp.resolve("taken")))
				.isInstanceOf(ConfigException.class)
				.hasMessageContaining("another process may use the port: give a free one, e.g."
						+ " --crosswalk.workers.broker-port=");
		}
		// what the message says: another port (WorkersReliabilityTests runs whole jobs with the setting)
		EmbeddedBroker.start(freePort(), tmp.resolve("free")).close();
	}

	private String[] job(Path out) {
		return new String[] { "reconcile", "--input", population.input().toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out", out.toString() };
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
