package com.crosswalk.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** When a scenario ran, all its repetitions, and the machine's load average as it started and ended. */
record ScenarioWindow(int scenario, Instant start, Instant end, LoadAverage loadAtStart, LoadAverage loadAtEnd) {

	Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("scenario", scenario);
		m.put("started_at", start.toString());
		m.put("ended_at", end.toString());
		m.put("load_average_at_start", loadAtStart == null ? null : loadAtStart.asMap());
		m.put("load_average_at_end", loadAtEnd == null ? null : loadAtEnd.asMap());
		return m;
	}
}
