package com.crosswalk.lookup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import com.crosswalk.graph.IdType;
import com.crosswalk.sql.Database;

/**
 * Finishes deciding which staged IDs need a Graph call, once the whole input is staged (the import already marked
 * fresh IDs and split customers into passes, see {@code ImportRecorder}). It touches only the rows that change:
 * <ul>
 * <li>IDs the Graph API refused within the re-verify age are not asked again;</li>
 * <li>IDs of a scope still under review stay BLOCKED without a call; a scope whose review window has passed gets
 * one probe (pass 0) before any other of its IDs is tried.</li>
 * </ul>
 */
public class LookupPlanner {

	private final JdbcTemplate jdbc;

	private final Database database;

	private final Clock clock;

	private final Duration reverifyAfter;

	public LookupPlanner(JdbcTemplate jdbc, Database database, Clock clock, Duration reverifyAfter) {
		this.jdbc = jdbc;
		this.database = database;
		this.clock = clock;
		this.reverifyAfter = reverifyAfter;
	}

	@Transactional
	public LookupPlan plan(long instanceId) {
		Instant now = clock.instant();
		Timestamp nowTs = Timestamp.from(now);
		refreshStatistics();
		carryOverRejected(instanceId, Timestamp.from(now.minus(reverifyAfter)));
		holdBlockedScopes(instanceId);
		List<String> reopened = jdbc.queryForList(
				"SELECT scope_id FROM cw_blocked_scope WHERE retry_after <= ? ORDER BY scope_id", String.class, nowTs);
		for (String scope : reopened) {
			jdbc.update("UPDATE cw_staging SET lookup_pass = 0 WHERE id_key = (SELECT MIN(id_key) FROM cw_staging"
					+ " WHERE status = 'PENDING' AND scope_id = ?)", scope);
		}
		Map<String, Long> counts = new HashMap<>();
		jdbc.query("SELECT CASE WHEN status = 'PENDING' THEN 'PENDING_' || lookup_pass ELSE status END, COUNT(*)"
				+ " FROM cw_staging GROUP BY CASE WHEN status = 'PENDING' THEN 'PENDING_' || lookup_pass ELSE status END",
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				});
		return new LookupPlan(counts.getOrDefault("FRESH", 0L), counts.getOrDefault("BLOCKED", 0L),
				counts.getOrDefault("PENDING_0", 0L), counts.getOrDefault("PENDING_1", 0L),
				counts.getOrDefault("PENDING_2", 0L), reopened.size());
	}

	/**
	 * The staging table was filled seconds ago, before any automatic analyze: without statistics PostgreSQL planned
	 * queries over it as scans of every row per row, quadratic in the input (over four minutes at 50,000 IDs).
	 */
	private void refreshStatistics() {
		jdbc.execute(database == Database.POSTGRESQL ? "ANALYZE cw_staging" : "ANALYZE TABLE cw_staging");
	}

	/**
	 * An ID the Graph API refused for good (unknown or unscoped) within the re-verify age is not asked again; this
	 * run's reject report carries the earlier answer forward.
	 */
	private void carryOverRejected(long instanceId, Timestamp since) {
		jdbc.update("INSERT INTO cw_reject (instance_id, stage, position, ordinal, field, raw_value, reason, customer_id,"
				+ " code, rejected_at) SELECT ?, 'LOOKUP', r.position, 0, r.field, r.raw_value, r.reason, s.customer_id,"
				+ " r.code, r.rejected_at FROM cw_reject r JOIN cw_staging s ON s.id_key = r.position"
				+ " WHERE r.stage = 'LOOKUP' AND r.instance_id <> ? AND s.status = 'PENDING' AND r.rejected_at >= ?"
				+ " AND r.rejected_at = (SELECT MAX(r2.rejected_at) FROM cw_reject r2 WHERE r2.stage = 'LOOKUP'"
				+ " AND r2.position = r.position AND r2.instance_id <> ?)"
				+ " AND NOT EXISTS (SELECT 1 FROM cw_reject c WHERE c.instance_id = ? AND c.stage = 'LOOKUP'"
				+ " AND c.position = r.position)", instanceId, instanceId, since, instanceId, instanceId);
		jdbc.update("UPDATE cw_staging SET status = 'REJECTED' WHERE status = 'PENDING' AND EXISTS (SELECT 1"
				+ " FROM cw_reject c WHERE c.instance_id = ? AND c.stage = 'LOOKUP' AND c.position = cw_staging.id_key)",
				instanceId);
	}

	/**
	 * Scopes under review until a time still ahead. The lookup step hands them to its Graph client when it (re)starts:
	 * a restarted run has a new client that has not met the #200 yet, and must neither spend a call nor answer
	 * differently from the run that was killed.
	 */
	public List<ScopeUnderReview> scopesUnderReview() {
		return jdbc.query("SELECT id_type, scope_id, message, retry_after FROM cw_blocked_scope WHERE retry_after > ?",
				(rs, i) -> new ScopeUnderReview(IdType.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant()),
				Timestamp.from(clock.instant()));
	}

	/** IDs of a scope known to be under review are BLOCKED without a call. */
	private void holdBlockedScopes(long instanceId) {
		Timestamp now = Timestamp.from(clock.instant());
		carryOverBlocked(instanceId, now);
		jdbc.update("UPDATE cw_staging SET status = 'BLOCKED' WHERE status = 'PENDING' AND scope_id IN"
				+ " (SELECT scope_id FROM cw_blocked_scope WHERE retry_after > ?)", now);
	}

	/** IDs of a scope whose review is still pending get (or keep) a blocked-report row without a call. */
	private void carryOverBlocked(long instanceId, Timestamp now) {
		jdbc.update("MERGE INTO cw_blocked t USING (SELECT s.id_key, s.id_type, s.scope_id, s.scoped_id, s.customer_id,"
				+ " b.message, b.first_blocked_at, b.retry_after FROM cw_staging s JOIN cw_blocked_scope b"
				+ " ON b.scope_id = s.scope_id WHERE s.status = 'PENDING' AND b.retry_after > ?) AS x"
				+ " ON t.id_key = x.id_key"
				+ " WHEN MATCHED THEN UPDATE SET last_blocked_at = ?, retry_after = x.retry_after, instance_id = ?"
				+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, customer_id, code, message,"
				+ " first_blocked_at, last_blocked_at, retry_after, instance_id) VALUES (x.id_key, x.id_type, x.scope_id,"
				+ " x.scoped_id, x.customer_id, 200, x.message, ?, ?, x.retry_after, ?)",
				now, now, instanceId, now, now, instanceId);
	}


	/** A scope (app or Page, by the type of its IDs) whose ID Matching review is pending. */
	public record ScopeUnderReview(IdType idType, String scopeId, String message, Instant retryAfter) {
	}

	/** How many IDs each pass holds; pass-2 IDs are an upper bound, as earlier answers usually cover them. */
	public record LookupPlan(long fresh, long stillBlocked, long probes, long firstPass, long secondPass,
			long reopenedScopes) {

		public long minimumCalls() {
			return probes + firstPass;
		}

		public long maximumCalls() {
			return probes + firstPass + secondPass;
		}
	}
}
