package com.crosswalk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU-seconds from Linux's {@code /proc}, where the kernel counts them in ticks of 1/100 s (USER_HZ, 100 on every
 * Linux the bench runs on). Each reader answers null where /proc is missing or the process is gone, so a bench on
 * another system still runs, without these figures.
 */
final class CpuTimes {

	private static final double TICKS_PER_SECOND = 100;

	private static final Path PROC = Path.of("/proc");

	// Indexes into the fields after "pid (command) ": field 4 of proc(5) is index 1.
	private static final int PPID = 1;

	private static final int UTIME = 11;

	private static final int STIME = 12;

	private static final int CUTIME = 13;

	private static final int CSTIME = 14;

	private CpuTimes() {
	}

	/**
	 * User and system CPU of the children this JVM has reaped, their own reaped children included ({@code cutime +
	 * cstime} of /proc/self/stat). The kernel adds a child's whole CPU there the moment the JVM reaps it, so the
	 * difference over one {@link Process} run, from start to {@code waitFor}, is exactly that process's CPU, JVM
	 * start-up and shutdown included, with no polling.
	 */
	static Double reapedChildren() {
		long[] fields = stat(PROC.resolve("self"));
		return fields == null ? null : (fields[CUTIME] + fields[CSTIME]) / TICKS_PER_SECOND;
	}

	/** This JVM's own CPU (all its threads; children excluded). */
	static double thisJvm() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
	}

	/**
	 * CPU of a server process and its direct children (PostgreSQL's postmaster and its backends and workers): its own
	 * and its reaped children's, plus each live child's. A child reaped while the children are listed would be
	 * counted twice or not at all, so the listing is repeated until the server's reaped total stands still.
	 */
	static Double processTree(long pid) {
		Path server = PROC.resolve(Long.toString(pid));
		for (int attempt = 0; attempt < 5; attempt++) {
			long[] before = stat(server);
			if (before == null) {
				return null;
			}
			long children = liveChildrenTicks(pid);
			long[] after = stat(server);
			if (after == null) {
				return null;
			}
			if (after[CUTIME] + after[CSTIME] == before[CUTIME] + before[CSTIME]) {
				return (after[UTIME] + after[STIME] + after[CUTIME] + after[CSTIME] + children) / TICKS_PER_SECOND;
			}
		}
		return null;
	}

	/** CPU every process of the machine used since boot: all cores' time but idle, I/O wait and steal (/proc/stat). */
	static Double machineBusy() {
		try {
			String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
			// cpu user nice system idle iowait irq softirq [steal: other virtual machines'; guest, guest_nice: already
			// inside user and nice]
			long busy = 0;
			for (int i = 1; i <= Math.min(7, cpu.length - 1); i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(cpu[i]);
				}
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** The parent of a process, or -1 when it is gone; {@code name} its command name, checked when not null. */
	static long parent(long pid, String name) {
		Path process = PROC.resolve(Long.toString(pid));
		try {
			String stat = Files.readString(process.resolve("stat"));
			String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			if (name != null && !command.equals(name)) {
				return -1;
			}
			return Long.parseLong(fieldsAfterCommand(stat)[PPID]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long liveChildrenTicks(long pid) {
		long ticks = 0;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path process : processes) {
				long[] fields = stat(process);
				if (fields != null && fields[PPID] == pid) {
					ticks += fields[UTIME] + fields[STIME] + fields[CUTIME] + fields[CSTIME];
				}
			}
		}
		catch (IOException ex) {
			// /proc unreadable: the server's own figure stands alone
		}
		return ticks;
	}

	private static long[] stat(Path process) {
		try {
			String[] fields = fieldsAfterCommand(Files.readString(process.resolve("stat")));
			long[] numbers = new long[CSTIME + 1];
			numbers[PPID] = Long.parseLong(fields[PPID]);
			for (int i = UTIME; i <= CSTIME; i++) {
				numbers[i] = Long.parseLong(fields[i]);
			}
			return numbers;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	// the command name may hold spaces and parentheses: the fields start after its last ')'
	private static String[] fieldsAfterCommand(String stat) {
		return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
	}
}
