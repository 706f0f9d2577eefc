package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * What cron sees when Graph is the problem, not the configuration: exit code 1 ("retry later") with one line that
 * says so, never 2 ("a person must fix something"); and running the same command again once Graph is back works,
 * as that line says.
 */
class TransientGraphFailureTests {

	@TempDir
	Path tmp;

	Population population;

	TestDatabase database;

	@BeforeEach
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 60, 2, 2, 5L, "--review-share", "0",
				"--bad-rows-share", "0");
		database = TestDatabase.h2(tmp.resolve("db"));
	}

	@Test
	void aRefusedConnectionAtStartIsTransientAndTheSameCommandWorksOnceGraphIsBack() throws IOException {
		int port = freePort();

		CommandRun refused = reconcile(port);

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(refused.err().lines().toList()).as(refused.toString()).singleElement().asString()
			.contains("the Graph API could not be reached at http://127.0.0.1:" + port)
			.contains("a transient failure, nothing to fix in the configuration; run the same command again later");

		try (GraphEmulator graph = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().port(port)
			.build())) {
			CommandRun again = reconcile(port);
			assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
		}
	}

	@Test
	void aGraphThatAcceptsButNeverAnswersTimesOutAsTransient() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			List<Socket> held = new ArrayList<>();
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						held.add(silent.accept());
					}
				}
				catch (IOException closed) {
					// the test is over
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();

			CommandRun timedOut = reconcile(silent.getLocalPort(), "--crosswalk.graph.request-timeout=300ms");

			assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(ExitCode.FAILED);
			assertThat(timedOut.err().lines().toList()).as(timedOut.toString()).singleElement().asString()
				.contains("could not be reached").contains("HttpTimeoutException").contains("a transient failure");
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	@Test
	void everyScopeThrottledPastTheLongestWaitIsTransientAndTheSameCommandLaterLooksThemUp() throws IOException {
		int port = freePort();
		CommandRun throttled;
		// a budget of two calls an hour per app and Page: the start-up check spends one, the lookups meet the limit
		try (GraphEmulator graph = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().port(port)
			.appCallBudget(2)
			.pageCallBudget(2)
			.build())) {
			throttled = reconcile(port, "--crosswalk.graph.max-throttle-wait=1s");
		}

		assertThat(throttled.exitCode()).as(throttled.toString()).isEqualTo(ExitCode.FAILED);
		assertThat(throttled.err().lines().toList()).as(throttled.toString()).singleElement().asString()
			.contains("IDs were left unavailable: Graph throttled their scopes past crosswalk.graph.max-throttle-wait"
					+ " (1s)")
			.contains("A transient failure, nothing to fix; run the same command again later and it looks them up");

		// later, Graph's window has rolled on
		try (GraphEmulator graph = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().port(port)
			.build())) {
			CommandRun later = reconcile(port, "--crosswalk.graph.max-throttle-wait=1s");
			assertThat(later.exitCode()).as(later.toString()).isEqualTo(ExitCode.OK);
			assertThat(later.out()).contains("unavailable 0");
		}
	}

	private CommandRun reconcile(int port, String... extra) {
		return CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", "http://127.0.0.1:" + port, "--business-file", population.businessFile().toString(),
				"--out", tmp.resolve("out").toString(), "--crosswalk.graph.retry-max-attempts=2",
				"--crosswalk.graph.retry-max-backoff=200ms" }, database.options(), extra));
	}

	/** A loopback port nobody listens on (just closed). */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
