package com.crosswalk.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One row of the results: a runner's repeated runs in one scenario, each figure as a {@link Spread}. Speed-ups are
 * ratios of medians, with the range of the run-by-run ratios (each run against the baselines of its repetition).
 *
 * @param runs every run, in order of repetition
 * @param speedupNaive null where it does not apply
 * @param perOneWorker IDs/s over those of the job on one worker JVM (scenario 5), null elsewhere
 * @param lookupPerOneWorker the same of the lookup's IDs/s
 */
record RunnerFigures(int scenario, String scenarioName, String runner, List<Measurement> runs, Spread speedupNaive,
		Spread speedupBatched, Spread perOneWorker, Spread lookupPerOneWorker, String note) {

	static RunnerFigures of(List<Measurement> runs) {
		Measurement first = runs.get(0);
		String notes = runs.stream()
			.map(Measurement::note)
			.filter(Objects::nonNull)
			.distinct()
			.collect(Collectors.joining("; "));
		return new RunnerFigures(first.scenario(), first.scenarioName(), first.runner(), List.copyOf(runs), null,
				null, null, null, notes.isEmpty() ? null : notes);
	}

	/** @param naive ratio of the medians, null where it does not apply; the range comes from the runs' own ratios */
	RunnerFigures withSpeedups(Double naive, Double batched, String note) {
		String notes = note == null ? this.note : this.note == null ? note : this.note + "; " + note;
		return new RunnerFigures(scenario, scenarioName, runner, runs,
				naive == null ? null : Spread.ratio(naive, runs.stream().map(Measurement::speedupNaive).toList()),
				batched == null ? null : Spread.ratio(batched, runs.stream().map(Measurement::speedupBatched).toList()),
				perOneWorker, lookupPerOneWorker, notes);
	}

	/**
	 * These figures with their IDs/s over those of {@code oneWorker}'s runs: the ratio of the medians, with the
	 * range of the ratios of the runs of each repetition.
	 */
	RunnerFigures relativeTo(List<Measurement> oneWorker) {
		return new RunnerFigures(scenario, scenarioName, runner, runs, speedupNaive, speedupBatched,
				ratio(oneWorker, Measurement::idsPerSecond), ratio(oneWorker, Measurement::lookupIdsPerSecond), note);
	}

	/** Null where either side has no figure. */
	private Spread ratio(List<Measurement> base, Function<Measurement, Double> rate) {
		Spread mine = spread(rate);
		Spread theirs = Spread.of(base.stream().map(rate).toList());
		if (mine == null || theirs == null || theirs.median() == 0) {
			return null;
		}
		List<Double> perRun = new ArrayList<>();
		for (int i = 0; i < Math.min(runs.size(), base.size()); i++) {
			Double own = rate.apply(runs.get(i));
			Double other = rate.apply(base.get(i));
			perRun.add(own == null || other == null || other == 0 ? null : own / other);
		}
		return Spread.ratio(mine.median() / theirs.median(), perRun);
	}

	/** A row of the job, in one JVM or on workers (not a baseline). */
	boolean isJob() {
		return runner.startsWith(Benchmark.JOB);
	}

	long ids() {
		return runs.get(0).ids();
	}

	boolean sampled() {
		return runs.get(0).sampled();
	}

	Integer persons() {
		return runs.get(0).persons();
	}

	Spread calls() {
		return spread(Measurement::calls);
	}

	Spread callsPerPerson() {
		return spread(Measurement::callsPerPerson);
	}

	Spread callsPerId() {
		return spread(Measurement::callsPerId);
	}

	Spread wallSeconds() {
		return spread(Measurement::wallSeconds);
	}

	Spread idsPerSecond() {
		return spread(Measurement::idsPerSecond);
	}

	Spread jobSeconds() {
		return spread(Measurement::jobSeconds);
	}

	Spread lookupSeconds() {
		return spread(Measurement::lookupSeconds);
	}

	Spread lookupIdsPerSecond() {
		return spread(Measurement::lookupIdsPerSecond);
	}

	Spread quotaUtilisation() {
		return spread(Measurement::quotaUtilisation);
	}

	Spread throttled() {
		return spread(Measurement::throttled);
	}

	Spread retries() {
		return spread(Measurement::retries);
	}

	Spread peakHeapBytes() {
		return spread(Measurement::peakHeapBytes);
	}

	Spread peakRssBytes() {
		return spread(Measurement::peakRssBytes);
	}

	Spread jobCpu() {
		return cpu(RunCpu::job);
	}

	Spread databaseCpu() {
		return cpu(RunCpu::database);
	}

	Spread benchJvmCpu() {
		return cpu(RunCpu::benchJvm);
	}

	Spread machineCpu() {
		return cpu(RunCpu::machine);
	}

	Spread otherCpu() {
		return cpu(RunCpu::others);
	}

	private Spread cpu(Function<RunCpu, Double> figure) {
		return Spread.of(runs.stream().map(r -> r.cpu() == null ? null : figure.apply(r.cpu())).toList());
	}

	private Spread spread(Function<Measurement, ? extends Number> figure) {
		return Spread.of(runs.stream().map(r -> {
			Number value = figure.apply(r);
			// -1: not measured (no GC, no /proc)
			return value == null || value.doubleValue() < 0 ? null : value.doubleValue();
		}).toList());
	}

	/** The medians and ranges; every run's own figures under {@code runs}. */
	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("scenario", scenario);
		m.put("scenario_name", scenarioName);
		m.put("runner", runner);
		m.put("repetitions", runs.size());
		m.put("input_ids", ids());
		m.put("sampled", sampled());
		m.put("persons", persons());
		m.put("graph_calls", map(calls()));
		m.put("calls_per_person", map(callsPerPerson()));
		m.put("calls_per_id", map(callsPerId()));
		m.put("wall_seconds", map(wallSeconds()));
		m.put("job_seconds", map(jobSeconds()));
		m.put("ids_per_second", map(idsPerSecond()));
		m.put("lookup_seconds", map(lookupSeconds()));
		m.put("lookup_ids_per_second", map(lookupIdsPerSecond()));
		m.put("quota_utilisation", map(quotaUtilisation()));
		m.put("throttled_answers", map(throttled()));
		m.put("retries", map(retries()));
		m.put("peak_heap_bytes", map(peakHeapBytes()));
		m.put("peak_rss_bytes", map(peakRssBytes()));
		Map<String, Object> cpu = new LinkedHashMap<>();
		cpu.put("job_jvm", map(jobCpu()));
		cpu.put("database", map(databaseCpu()));
		cpu.put("emulator_bench_jvm", map(benchJvmCpu()));
		cpu.put("machine", map(machineCpu()));
		cpu.put("other_processes", map(otherCpu()));
		m.put("cpu_seconds", cpu);
		m.put("speedup_over_naive", map(speedupNaive));
		m.put("speedup_over_batched", map(speedupBatched));
		m.put("ids_per_second_over_one_worker", map(perOneWorker));
		m.put("lookup_ids_per_second_over_one_worker", map(lookupPerOneWorker));
		m.put("note", note);
		m.put("runs", runs.stream().map(Measurement::asMap).toList());
		return m;
	}

	private static Map<String, Object> map(Spread spread) {
		return spread == null ? null : spread.asMap();
	}
}
