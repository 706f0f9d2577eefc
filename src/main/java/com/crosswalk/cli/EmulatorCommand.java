package com.crosswalk.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.FaultSettings;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;

/** {@code emulator --fixture FILE ...}: serves the Graph API emulator until the process is stopped. */
public final class EmulatorCommand {

	static final String USAGE = """
			Usage: emulator --fixture FILE [options]
			Serves a local Graph API (ID Matching) emulator until the process is stopped.
			  --fixture FILE        fixture JSON (see docs/emulator-fixture.md)          required
			  --port N              port to listen on; 0 picks a free one                default 0
			  --bind ADDR           address to listen on (loopback unless you say so)    default 127.0.0.1
			  --latency-ms N        delay added to every HTTP request                    default 0
			  --fault-rate X        probability of each injected fault kind, in [0, 1)   default 0
			  --app-budget N        app-token calls per window and app; 0 = unlimited     default 0
			  --page-budget N       Page-token calls per window and Page; 0 = unlimited   default 0
			  --window-seconds N    rate-limit window                                    default 3600
			  --seed N              seed of the injected faults                          default 42
			""";

	private static final Set<String> OPTIONS = Set.of("fixture", "port", "bind", "latency-ms", "fault-rate",
			"app-budget", "page-budget", "window-seconds", "seed");

	private EmulatorCommand() {
	}

	/** Blocks while serving; returns 0 when the calling thread is interrupted, 2 on bad arguments, 1 on failure. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		EmulatorConfig config;
		Path fixturePath;
		try {
			Options parsed = Options.parseNamed(args, OPTIONS);
			if (parsed.help()) {
				out.print(USAGE);
				return 0;
			}
			fixturePath = Path.of(parsed.required("fixture"));
			if (!Files.isRegularFile(fixturePath)) {
				throw new IllegalArgumentException("no fixture file at " + fixturePath);
			}
			config = EmulatorConfig.custom()
				.port(parsed.integer("port", 0, 0))
				.bindAddress(parsed.get("bind", "127.0.0.1"))
				.latency(Duration.ofMillis(parsed.integer("latency-ms", 0, 0)))
				.faults(FaultSettings.uniform(parsed.share("fault-rate", 0), parsed.longValue("seed", 42)))
				.appCallBudget(parsed.integer("app-budget", 0, 0))
				.pageCallBudget(parsed.integer("page-budget", 0, 0))
				.rateLimitWindow(Duration.ofSeconds(parsed.integer("window-seconds", 3600, 1)))
				.build();
		}
		catch (IllegalArgumentException ex) {
			err.println("emulator: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		try {
			Fixture fixture = Fixture.load(fixturePath);
			CountDownLatch stopped = new CountDownLatch(1);
			try (GraphEmulator emulator = GraphEmulator.start(fixture, config)) {
				Thread hook = new Thread(stopped::countDown, "emulator-shutdown");
				Runtime.getRuntime().addShutdownHook(hook);
				out.println("Graph API emulator listening on " + emulator.baseUrl());
				out.flush();
				try {
					stopped.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					Runtime.getRuntime().removeShutdownHook(hook);
				}
			}
			return 0;
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			err.println("emulator: " + ex.getMessage());
			return 1;
		}
	}
}
