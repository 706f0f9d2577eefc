package com.crosswalk.workers;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.graph.GraphMetrics;

import tools.jackson.databind.json.JsonMapper;

/** What the workers' Graph clients did for each run (cw_worker_calls), one row per run and worker. */
final class WorkerGraphCalls {

	private final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	WorkerGraphCalls(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** This worker's share of the run so far; replaces what it wrote before. One JVM's slots write one at a time. */
	synchronized void record(long executionId, String worker, GraphMetrics share) {
		String text = json.writeValueAsString(share);
		if (jdbc.update("UPDATE cw_worker_calls SET metrics_json = ? WHERE execution_id = ? AND worker_id = ?", text,
				executionId, worker) == 0) {
			jdbc.update("INSERT INTO cw_worker_calls (execution_id, worker_id, metrics_json) VALUES (?, ?, ?)",
					executionId, worker, text);
		}
	}

	/** Every worker's share of the run together; none when its lookup ran in the manager. */
	GraphMetrics of(long executionId) {
		return jdbc.queryForList("SELECT metrics_json FROM cw_worker_calls WHERE execution_id = ?", String.class,
				executionId)
			.stream()
			.map(text -> json.readValue(text, GraphMetrics.class))
			.reduce(GraphMetrics.none(), GraphMetrics::plus);
	}
}
