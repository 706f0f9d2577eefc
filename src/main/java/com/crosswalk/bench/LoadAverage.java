package com.crosswalk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The machine's load average over 1, 5 and 15 minutes (runnable and waiting processes, /proc/loadavg): above the
 * number of cores, something besides the bench wanted the CPU.
 */
record LoadAverage(double oneMinute, double fiveMinutes, double fifteenMinutes) {

	/** Null where /proc/loadavg is missing (not Linux). */
	static LoadAverage now() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
					Double.parseDouble(fields[2]));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", oneMinute, fiveMinutes, fifteenMinutes);
	}

	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("one_minute", oneMinute);
		m.put("five_minutes", fiveMinutes);
		m.put("fifteen_minutes", fifteenMinutes);
		return m;
	}
}
