package com.crosswalk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the figures were measured on, for the results' header: the code's commit, the machine and the JVM. Figures
 * from another commit or machine are not comparable.
 *
 * @param commit the checkout's short commit, with "+ uncommitted changes" when it has some; "unknown" outside one
 * @param cpuModel /proc/cpuinfo's model name, "unknown" without it
 */
record BenchMachine(String commit, int cores, String cpuModel, long memoryBytes, String os, String java) {

	static BenchMachine describe() {
		return new BenchMachine(readCommit(), Runtime.getRuntime().availableProcessors(), readCpuModel(),
				((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
					.getTotalMemorySize(),
				System.getProperty("os.name") + " " + System.getProperty("os.version"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
	}

	String summary() {
		return String.format(Locale.ROOT, "%d cores, %s, %.1f GB memory, %s", cores, cpuModel,
				memoryBytes / (double) (1L << 30), os);
	}

	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("cores", cores);
		m.put("cpu_model", cpuModel);
		m.put("memory_bytes", memoryBytes);
		m.put("os", os);
		m.put("java", java);
		return m;
	}

	private static String readCpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	// run.sh starts the bench in the checkout it builds from; a jar run elsewhere has no commit to name
	private static String readCommit() {
		String head = git("rev-parse", "--short", "HEAD");
		if (head == null) {
			return "unknown";
		}
		String changes = git("status", "--porcelain", "--untracked-files=no");
		return changes == null || changes.isEmpty() ? head : head + " + uncommitted changes";
	}

	private static String git(String... arguments) {
		String[] command = new String[arguments.length + 1];
		command[0] = "git";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return null;
			}
			return output;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}
}
