package com.crosswalk.report;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.graph.GraphMetrics;
import com.crosswalk.job.JobExecutionFacts;
import com.crosswalk.lookup.LookupPlanner.LookupPlan;

import tools.jackson.databind.json.JsonMapper;

/** Counts a run from the database and the Graph client, and keeps each run's summary in {@code cw_run}. */
public class RunSummaryStore {

	private final JdbcTemplate jdbc;

	private final RunGraphMetrics graphMetrics;

	private final Clock clock;

	private final boolean dryRun;

	private final JsonMapper json = JsonMapper.builder().build();

	public RunSummaryStore(JdbcTemplate jdbc, RunGraphMetrics graphMetrics, Clock clock, boolean dryRun) {
		this.jdbc = jdbc;
		this.graphMetrics = graphMetrics;
		this.clock = clock;
		this.dryRun = dryRun;
	}

	public RunSummary summarize(JobExecution execution) {
		long instance = execution.getJobInstanceId();
		Map<String, Long> byStatus = new HashMap<>();
		jdbc.query("SELECT status, COUNT(*) FROM cw_staging WHERE instance_id = ? GROUP BY status",
				rs -> {
					byStatus.put(rs.getString(1), rs.getLong(2));
				}, instance);
		long rowsRead = count("SELECT COALESCE(SUM(se.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION se"
				+ " JOIN BATCH_JOB_EXECUTION je ON je.JOB_EXECUTION_ID = se.JOB_EXECUTION_ID"
				+ " WHERE je.JOB_INSTANCE_ID = ? AND se.STEP_NAME = 'importStep'", instance);
		long accepted = count("SELECT COALESCE(SUM(occurrences), 0) FROM cw_staging WHERE instance_id = ?", instance);
		long rejected = count("SELECT COUNT(*) FROM cw_reject WHERE instance_id = ? AND stage = 'INPUT'", instance);
		long distinct = byStatus.values().stream().mapToLong(Long::longValue).sum();
		long pending = byStatus.getOrDefault("NEW", 0L) + byStatus.getOrDefault("PENDING", 0L);
		GraphMetrics metrics = graphMetrics.of(execution.getId());
		LookupPlan plan = JobExecutionFacts.plan(execution);
		Long run = execution.getJobParameters().getLong("run");
		return new RunSummary(execution.getId(), instance, run == null ? 0 : run,
				execution.getStatus().toString(), toInstant(execution.getStartTime()),
				execution.getEndTime() != null ? toInstant(execution.getEndTime()) : clock.instant(),
				dryRun,
				rowsRead, accepted, rejected, distinct,
				byStatus.getOrDefault("RESOLVED", 0L), byStatus.getOrDefault("COVERED", 0L),
				byStatus.getOrDefault("FRESH", 0L), byStatus.getOrDefault("BLOCKED", 0L),
				byStatus.getOrDefault("FAILED_AUTH", 0L), byStatus.getOrDefault("REJECTED", 0L),
				byStatus.getOrDefault("UNAVAILABLE", 0L), byStatus.getOrDefault("FORGOTTEN", 0L), pending,
				count("SELECT COUNT(*) FROM cw_identity"),
				count("SELECT COUNT(*) FROM cw_person"),
				count("SELECT COUNT(*) FROM cw_merge_log WHERE instance_id = ?", instance),
				count("SELECT COUNT(*) FROM cw_guard_violation WHERE instance_id = ?", instance),
				metrics.graphCalls(), metrics.httpRequests(), metrics.batchRequests(), metrics.retries(),
				metrics.throttleWaits(), metrics.throttleWaitTime().toMillis() / 1000.0, metrics.throttledAnswers(),
				metrics.blockedScopes(), metrics.failedAuthScopes(),
				plan == null ? 0 : plan.minimumCalls(), plan == null ? 0 : plan.maximumCalls(),
				byStatus.getOrDefault("DENIED", 0L), metrics.permissionDeniedScopes(), metrics.policyBlockedScopes(),
				metrics.edgeItemsWithoutOwner());
	}

	/** Upserts the run's row in {@code cw_run}. */
	public void save(RunSummary summary) {
		String text = json.writeValueAsString(summary.asMap());
		jdbc.update("DELETE FROM cw_run WHERE execution_id = ?", summary.executionId());
		jdbc.update("INSERT INTO cw_run (execution_id, instance_id, started_at, ended_at, status, rows_read,"
				+ " rows_accepted, rows_rejected, persons, graph_calls, blocked, summary_json)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", summary.executionId(), summary.instanceId(),
				ts(summary.startedAt()), ts(summary.endedAt()), summary.status(), summary.rowsRead(),
				summary.rowsAccepted(), summary.rowsRejected(), summary.persons(), summary.graphCalls(),
				summary.idsBlocked(), text);
	}

	public String toJson(RunSummary summary) {
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(summary.asMap());
	}

	private long count(String sql, Object... args) {
		Long n = jdbc.queryForObject(sql, Long.class, args);
		return n == null ? 0 : n;
	}

	private static Instant toInstant(java.time.LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
