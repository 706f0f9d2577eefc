package com.crosswalk.bench;

/**
 * CPU counters at one moment; two readings around a run give what each process used during it ({@link RunCpu}).
 *
 * @param benchJvm this JVM: the emulator, and a baseline while one runs
 * @param machine all processes of the machine, null without /proc
 * @param database the database server's processes, null when not measured
 */
record CpuReading(double benchJvm, Double machine, Double database) {

	/** @param databasePid the database server's main process, or -1 when it is not measured */
	static CpuReading now(long databasePid) {
		return new CpuReading(CpuTimes.thisJvm(), CpuTimes.machineBusy(),
				databasePid < 0 ? null : CpuTimes.processTree(databasePid));
	}

	/** @param job the job JVM's CPU over the run, null for a baseline */
	RunCpu until(CpuReading end, Double job) {
		return new RunCpu(hundredths(job), hundredths(difference(database, end.database)),
				hundredths(end.benchJvm - benchJvm), hundredths(difference(machine, end.machine)));
	}

	private static Double difference(Double start, Double end) {
		return start == null || end == null ? null : end - start;
	}

	// the kernel counts in hundredths of a second: more digits would only be rounding noise
	private static Double hundredths(Double seconds) {
		return seconds == null ? null : Math.round(seconds * 100) / 100.0;
	}
}
