package com.crosswalk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A crosswalk command run as a separate JVM, as cron or an operator would start it, so a test can kill it with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux) at a moment of its choosing. Its stdout and stderr go to
 * files in {@code logDir}, kept for the secrets scan.
 */
public final class JobProcess {

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private JobProcess(Process process, Path stdout, Path stderr) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
	}

	/**
	 * Starts {@code java -cp <this JVM's class path> com.crosswalk.cli.Main args...
	 * --spring.config.location=classpath:/application.yml} (./config is ignored, as with {@link CommandRun}).
	 */
	public static JobProcess start(Path logDir, String name, String... args) {
		return start(logDir, name, Map.of(), args);
	}

	/** As {@link #start(Path, String, String...)}, with these variables added to the environment. */
	public static JobProcess start(Path logDir, String name, Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("com.crosswalk.cli.Main");
		command.addAll(List.of(args));
		command.add("--spring.config.location=classpath:/application.yml");
		try {
			Files.createDirectories(logDir);
			Path out = logDir.resolve(name + ".out");
			Path err = logDir.resolve(name + ".err");
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment().putAll(environment);
			Process process = builder.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
				.start();
			return new JobProcess(process, out, err);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + command, e);
		}
	}

	/** Waits until the condition holds (true) or the process has ended (false), polling every 50 ms. */
	public boolean awaitWhileAlive(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				return false;
			}
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("condition not met within " + timeout + "; " + this);
	}

	/** SIGKILL: no shutdown hook, no finally block, no chance to tidy up. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
		}
	}

	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("process did not finish within " + timeout + "; " + this);
		}
		return process.exitValue();
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public String out() {
		return read(stdout);
	}

	public String err() {
		return read(stderr);
	}

	@Override
	public String toString() {
		String err = err();
		return "pid " + process.pid() + (process.isAlive() ? " running" : " exit " + process.exitValue())
				+ "\n--- out (tail)\n" + tail(out()) + "\n--- err (tail)\n" + tail(err);
	}

	private static String tail(String text) {
		return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
	}

	private static String read(Path file) {
		try {
			// lenient: a hostile input may put any bytes in a message
			return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File("/dev/null");
	}
}
