package com.crosswalk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crosswalk.cli.JavaCommand;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real job, {@code reconcile}, run in a JVM of its own so its heap can be capped and its resident memory
 * measured: peak RSS is the kernel's high-water mark ({@code VmHWM}) polled while it runs; peak heap is the largest
 * heap occupancy before a collection in its GC log; its CPU is what the kernel credits this JVM when it reaps it
 * ({@link CpuTimes#reapedChildren()}): exact, start-up and shutdown included, where polling /proc/PID/stat would miss
 * the last interval before exit and a figure the job wrote into its summary would miss its shutdown. Its other numbers
 * come from the run-summary.json it writes.
 */
final class JobProcess {

	/**
	 * A step's duration in the metrics.prom the job writes; the lookup's steps are its passes, {@code lookupStep} and
	 * {@code secondPassStep} (on workers too: the manager's step lasts until its partitions on the workers are done).
	 */
	private static final Pattern LOOKUP_STEP = Pattern
		.compile("^crosswalk_step_duration_seconds\\{step=\"(?:lookupStep|secondPassStep)\"\\} (\\S+)$");

	private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * @param exitCode the job's exit code (0 done, 3 done with blocked IDs, others failed)
	 * @param wallSeconds process start to exit: JVM and Spring start-up included
	 * @param peakRssBytes -1 where /proc is not available
	 * @param peakHeapBytes -1 when the job never collected
	 * @param cpuSeconds user and system CPU of the job JVM, null where /proc is not available
	 * @param summary run-summary.json, empty if the job wrote none
	 * @param lookupSeconds the lookup's passes, from the job's metrics.prom; null if it wrote none
	 */
	record Result(int exitCode, double wallSeconds, long peakRssBytes, long peakHeapBytes, Double cpuSeconds,
			Map<String, Object> summary, Double lookupSeconds, Path log) {

		long summaryLong(String key) {
			Object value = summary.get(key);
			return value instanceof Number number ? number.longValue() : 0;
		}

		double summaryDouble(String key) {
			Object value = summary.get(key);
			return value instanceof Number number ? number.doubleValue() : 0;
		}
	}

	private final String heap;

	private final boolean profile;

	JobProcess(String heap, boolean profile) {
		this.heap = heap;
		this.profile = profile;
	}

	/**
	 * Runs {@code reconcile} with the given options in {@code directory} (its working directory, so no ./config of the
	 * caller is picked up; logs, GC log and profile land there too).
	 */
	Result run(Path directory, Path outDir, List<String> reconcileOptions) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Path gcLog = directory.resolve("gc.log");
		Path log = directory.resolve("job.log");
		Files.deleteIfExists(gcLog);
		Files.deleteIfExists(outDir.resolve("run-summary.json"));
		Files.deleteIfExists(outDir.resolve("metrics.prom"));
		List<String> options = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLog.toAbsolutePath()));
		if (heap != null) {
			options.add("-Xmx" + heap);
		}
		if (profile) {
			options.add("-XX:StartFlightRecording=settings=profile,filename="
					+ directory.resolve("job-" + System.currentTimeMillis() + ".jfr").toAbsolutePath());
		}
		List<String> command = new ArrayList<>(JavaCommand.of(options));
		command.add("reconcile");
		command.addAll(reconcileOptions);
		// no other child of this JVM ends while the job runs, so what the kernel credits it in between is the job's
		Double reapedBefore = CpuTimes.reapedChildren();
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		Path status = Path.of("/proc", Long.toString(process.pid()), "status");
		long peakRss = -1;
		while (!process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
			peakRss = Math.max(peakRss, highWaterMark(status));
		}
		double wall = (System.nanoTime() - start) / 1e9;
		Double reapedAfter = CpuTimes.reapedChildren();
		Double cpu = reapedBefore == null || reapedAfter == null ? null : reapedAfter - reapedBefore;
		return new Result(process.exitValue(), wall, peakRss, peakHeap(gcLog), cpu, summary(outDir),
				lookupSeconds(outDir.resolve("metrics.prom")), log);
	}

	private static long highWaterMark(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the process is gone (or this is not Linux): keep the last reading
		}
		return -1;
	}

	static long peakHeap(Path gcLog) throws IOException {
		if (!Files.exists(gcLog)) {
			return -1;
		}
		long peak = -1;
		for (String line : Files.readAllLines(gcLog)) {
			Matcher m = GC_HEAP.matcher(line);
			if (m.find()) {
				peak = Math.max(peak, bytes(m.group(1), m.group(2)));
			}
		}
		return peak;
	}

	static Double lookupSeconds(Path metrics) throws IOException {
		if (!Files.exists(metrics)) {
			return null;
		}
		Double seconds = null;
		for (String line : Files.readAllLines(metrics)) {
			Matcher m = LOOKUP_STEP.matcher(line);
			if (m.matches()) {
				seconds = (seconds == null ? 0 : seconds) + Double.parseDouble(m.group(1));
			}
		}
		return seconds;
	}

	private static long bytes(String amount, String unit) {
		long value = Long.parseLong(amount);
		return switch (unit) {
			case "K" -> value << 10;
			case "M" -> value << 20;
			default -> value << 30;
		};
	}

	private static Map<String, Object> summary(Path outDir) throws IOException {
		Path file = outDir.resolve("run-summary.json");
		if (!Files.exists(file)) {
			return Map.of();
		}
		return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {
		});
	}
}
