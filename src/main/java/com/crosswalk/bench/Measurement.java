package com.crosswalk.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one runner (the job or a baseline) in one scenario; {@link RunnerFigures} sums up a runner's repeated
 * runs. Figures that do not apply are null.
 *
 * @param repetition 1 to {@code --repeat}
 * @param ids input IDs this runner processed (a baseline may run on a sample: {@code sampled})
 * @param calls Graph calls counted by the emulator (a batch item is a call)
 * @param idsPerSecond {@code ids / wallSeconds}, end to end (the job's JVM start included)
 * @param lookupSeconds the job's lookup passes (its steps' durations), null for a baseline
 * @param quotaUtilisation calls per second over the saturated period / budget per second
 * @param cpu CPU-seconds per process over the run
 * @param speedupNaive this runner's IDs/s over the naive baseline's of the same repetition (or a derived ratio, see
 * {@code note})
 */
record Measurement(int scenario, String scenarioName, String runner, int repetition, long ids, boolean sampled,
		Integer persons, long calls, long httpRequests, double wallSeconds, Double jobSeconds, Double lookupSeconds,
		Double quotaUtilisation,
		Double saturatedSeconds, long throttled, long retries, Long peakHeapBytes, Long peakRssBytes, RunCpu cpu,
		Double speedupNaive, Double speedupBatched, String note) {

	double idsPerSecond() {
		return wallSeconds <= 0 ? 0 : ids / wallSeconds;
	}

	/** Input IDs over the lookup's seconds: the rate of the part of the run that workers spread. */
	Double lookupIdsPerSecond() {
		return lookupSeconds == null || lookupSeconds <= 0 ? null : ids / lookupSeconds;
	}

	double callsPerId() {
		return ids == 0 ? 0 : (double) calls / ids;
	}

	Double callsPerPerson() {
		return (persons == null || persons == 0) ? null : (double) calls / persons;
	}

	Measurement withSpeedups(Double naive, Double batched, String note) {
		return new Measurement(scenario, scenarioName, runner, repetition, ids, sampled, persons, calls, httpRequests,
				wallSeconds, jobSeconds, lookupSeconds, quotaUtilisation, saturatedSeconds, throttled, retries, peakHeapBytes,
				peakRssBytes, cpu, naive, batched, note);
	}

	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("scenario", scenario);
		m.put("scenario_name", scenarioName);
		m.put("runner", runner);
		m.put("repetition", repetition);
		m.put("input_ids", ids);
		m.put("sampled", sampled);
		m.put("persons", persons);
		m.put("graph_calls", calls);
		m.put("http_requests", httpRequests);
		m.put("calls_per_person", callsPerPerson());
		m.put("calls_per_id", callsPerId());
		m.put("wall_seconds", wallSeconds);
		m.put("job_seconds", jobSeconds);
		m.put("ids_per_second", idsPerSecond());
		m.put("lookup_seconds", lookupSeconds);
		m.put("lookup_ids_per_second", lookupIdsPerSecond());
		m.put("quota_utilisation", quotaUtilisation);
		m.put("saturated_seconds", saturatedSeconds);
		m.put("throttled_answers", throttled);
		m.put("retries", retries);
		m.put("peak_heap_bytes", peakHeapBytes);
		m.put("peak_rss_bytes", peakRssBytes);
		m.put("cpu_seconds", cpu == null ? null : cpu.asMap());
		m.put("speedup_over_naive", speedupNaive);
		m.put("speedup_over_batched", speedupBatched);
		m.put("note", note);
		return m;
	}
}
