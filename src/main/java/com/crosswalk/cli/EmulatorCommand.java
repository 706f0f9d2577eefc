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
			  --lenient             accept what Graph refuses (the emulator before docs/graph-contract.md:
			                        a Page's business to any token, GET batch parameters in body, 190 for a
			                        missing token, fewer usage headers), for old fixtures and clients
			""";

	private static final Options.Grammar GRAMMAR = Options.Grammar.of("emulator", Set.of("fixture", "port", "bind",
			"latency-ms", "fault-rate", "app-budget", "page-budget", "window-seconds", "seed"), "lenient").withoutSettings();

	private EmulatorCommand() {
	}

	/** Blocks while serving; returns 0 when the calling thread is interrupted, 2 on bad arguments, 1 on failure. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		record Request(Path fixture, EmulatorConfig config) {
		}
		Options.Parsed<Request> parsed = Options.read(args, GRAMMAR, USAGE, out, err, options -> {
			Path fixture = Path.of(options.required("fixture"));
			if (!Files.isRegularFile(fixture)) {
				throw new IllegalArgumentException("no fixture file at " + fixture);
			}
			return new Request(fixture, EmulatorConfig.custom()
				.port(options.integer("port", 0, 0))
				.bindAddress(options.get("bind", "127.0.0.1"))
				.latency(Duration.ofMillis(options.integer("latency-ms", 0, 0)))
				.faults(FaultSettings.uniform(options.share("fault-rate", 0), options.longValue("seed", 42)))
				.appCallBudget(options.integer("app-budget", 0, 0))
				.pageCallBudget(options.integer("page-budget", 0, 0))
				.rateLimitWindow(Duration.ofSeconds(options.integer("window-seconds", 3600, 1)))
				.lenient(options.has("lenient"))
				.build());
		});
		if (parsed.stop()) {
			return parsed.exitCode();
		}
		Path fixturePath = parsed.value().fixture();
		EmulatorConfig config = parsed.value().config();
		try {
			Fixture fixture = Fixture.load(fixturePath);
			CountDownLatch stopped = new CountDownLatch(1);
			try (GraphEmulator emulator = GraphEmulator.start(fixture, config)) {
				Thread hook = new Thread(stopped::countDown, "emulator-shutdown");
				Runtime.getRuntime().addShutdownHook(hook);
				out.println("Graph API emulator listening on " + emulator.baseUrl()
						+ (config.lenient() ? " (lenient)" : ""));
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
