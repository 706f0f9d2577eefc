package com.crosswalk.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU-seconds each process used during one run, so a reader sees what bounds a scenario: the job, its database, the
 * emulator standing in for Facebook, or processes that have nothing to do with the bench. Null where not measured.
 *
 * @param job the job JVM, start-up and shutdown included (the database too on H2, which runs inside it)
 * @param database the PostgreSQL server: its main process, its backends and background workers
 * @param benchJvm the bench JVM: the emulator, and during a baseline's run the baseline too
 * @param machine every process of the machine
 */
record RunCpu(Double job, Double database, double benchJvm, Double machine) {

	/** CPU of processes outside the bench (other users' builds, say): the machine's less the bench's own. */
	Double others() {
		if (machine == null) {
			return null;
		}
		double bench = benchJvm + (job == null ? 0 : job) + (database == null ? 0 : database);
		// tick rounding of several counters may leave a few hundredths below zero
		return Math.max(0, machine - bench);
	}

	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("job_jvm", job);
		m.put("database", database);
		m.put("emulator_bench_jvm", benchJvm);
		m.put("machine", machine);
		m.put("other_processes", others());
		return m;
	}
}
