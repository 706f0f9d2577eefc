package com.crosswalk.lookup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import com.crosswalk.graph.ScopeStatus;
import com.crosswalk.id.IdType;
import com.crosswalk.id.Scope;
import com.crosswalk.lookup.BlockedScopes.BlockedScope;
import com.crosswalk.sql.Database;

/**
 * Finishes deciding which staged IDs need a Graph call, once the whole input is staged (the import already marked
 * fresh IDs and split customers into passes, see {@code ImportRecorder}). It touches only the rows that change:
 * <ul>
 * <li>IDs the Graph API refused within the re-verify age are not asked again;</li>
 * <li>IDs of a scope still under review stay BLOCKED without a call; a scope whose review window has passed, or
 * that the operator re-checks ({@link RecheckBlocked}), gets one probe (pass 0) before any other of its IDs is
 * tried;</li>
 * <li>where a pass may slice a scope over several workers ({@link ScopeSlicing}), each such scope is opened in pass 0
 * with one of its IDs, so that all its slices know whether it answers.</li>
 * </ul>
 */
public class LookupPlanner {

	private final JdbcTemplate jdbc;

	private final Database database;

	private final Clock clock;

	private final Duration reverifyAfter;

	private final BlockedScopes blockedScopes;

	private final ScopeSlicing slicing;

	public LookupPlanner(JdbcTemplate jdbc, Database database, Clock clock, Duration reverifyAfter,
			BlockedScopes blockedScopes, ScopeSlicing slicing) {
		this.jdbc = jdbc;
		this.database = database;
		this.clock = clock;
		this.reverifyAfter = reverifyAfter;
		this.blockedScopes = blockedScopes;
		this.slicing = slicing;
	}

	@Transactional
	public LookupPlan plan(long instanceId, RecheckBlocked recheck) {
		Instant now = clock.instant();
		refreshStatistics();
		carryOverRejected(instanceId, Timestamp.from(now.minus(reverifyAfter)));
		List<BlockedScope> held = new ArrayList<>();
		List<String> reopened = new ArrayList<>();
		for (BlockedScope scope : blockedScopes.all()) {
			if (scope.due().isAfter(now) && !recheck.covers(scope.scopeId())) {
				held.add(scope);
			}
			else {
				reopened.add(scope.scopeId());
			}
		}
		holdBlockedScopes(instanceId, held, Timestamp.from(now));
		for (String scope : reopened) {
			jdbc.update("UPDATE cw_staging SET lookup_pass = 0 WHERE id_key = (SELECT MIN(id_key) FROM cw_staging"
					+ " WHERE status = 'PENDING' AND scope_id = ?)", scope);
		}
		blockedScopes.refreshReportedDue(held.stream().map(BlockedScope::scopeId).toList());
		openSliceableScopes();
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
	 * run's reject report carries the earlier answer forward, from the latest run that had it (a carried-over row
	 * keeps its time, so two runs' rows can share the latest time: taking both failed the third run on its key).
	 */
	private void carryOverRejected(long instanceId, Timestamp since) {
		jdbc.update("INSERT INTO cw_reject (instance_id, stage, position, ordinal, field, raw_value, reason, customer_id,"
				+ " code, rejected_at) SELECT ?, 'LOOKUP', r.position, 0, r.field, r.raw_value, r.reason, s.customer_id,"
				+ " r.code, r.rejected_at FROM cw_reject r JOIN cw_staging s ON s.id_key = r.position"
				+ " WHERE r.stage = 'LOOKUP' AND r.instance_id <> ? AND s.status = 'PENDING' AND r.rejected_at >= ?"
				+ " AND r.instance_id = (SELECT MAX(r2.instance_id) FROM cw_reject r2 WHERE r2.stage = 'LOOKUP'"
				+ " AND r2.position = r.position AND r2.instance_id <> ?)"
				+ " AND NOT EXISTS (SELECT 1 FROM cw_reject c WHERE c.instance_id = ? AND c.stage = 'LOOKUP'"
				+ " AND c.position = r.position)", instanceId, instanceId, since, instanceId, instanceId);
		jdbc.update("UPDATE cw_staging SET status = 'REJECTED' WHERE status = 'PENDING' AND EXISTS (SELECT 1"
				+ " FROM cw_reject c WHERE c.instance_id = ? AND c.stage = 'LOOKUP' AND c.position = cw_staging.id_key)",
				instanceId);
	}

	/**
	 * The scopes this run met under review, each until its next probe is due. The lookup step hands them to its Graph
	 * client when it (re)starts: a restarted run has a new client that has not met the #200 yet, and must neither
	 * spend a call nor answer differently from the run that was killed. A scope this run reopened (its window had
	 * passed, or the operator re-checks it) and has not met under review again is not among them: its probe is still
	 * to be made. Read in a transaction of its own, as is {@link #scopesRefusedSince}: a lookup partition asks in its
	 * first iteration, and a read in that iteration's transaction would hold its pooled connection while the
	 * partition waits on the Graph API.
	 */
	@Transactional(readOnly = true)
	public List<ScopeUnderReview> scopesMetUnderReview(long instanceId) {
		return blockedScopes.all().stream()
			.filter(scope -> scope.lastInstanceId() != null && scope.lastInstanceId() == instanceId)
			.map(scope -> new ScopeUnderReview(scope.idType(), scope.scopeId(), scope.message(), scope.due()))
			.toList();
	}

	/** IDs of a scope still under review are BLOCKED without a call, and get (or keep) a blocked-report row. */
	private void holdBlockedScopes(long instanceId, List<BlockedScope> held, Timestamp now) {
		for (BlockedScope scope : held) {
			jdbc.update("MERGE INTO cw_blocked t USING (SELECT s.id_key, s.id_type, s.scope_id, s.scoped_id,"
					+ " s.customer_id FROM cw_staging s WHERE s.status = 'PENDING' AND s.scope_id = ?) AS x"
					+ " ON t.id_key = x.id_key"
					+ " WHEN MATCHED THEN UPDATE SET last_blocked_at = ?, instance_id = ?"
					+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, customer_id, code, message,"
					+ " first_blocked_at, last_blocked_at, retry_after, instance_id) VALUES (x.id_key, x.id_type,"
					+ " x.scope_id, x.scoped_id, x.customer_id, 200, ?, ?, ?, ?, ?)",
					scope.scopeId(), now, instanceId, scope.message(), now, now, Timestamp.from(scope.due()),
					instanceId);
			jdbc.update("UPDATE cw_staging SET status = 'BLOCKED' WHERE status = 'PENDING' AND scope_id = ?",
					scope.scopeId());
		}
	}

	/**
	 * The scopes that refused this execution's calls for every ID (credentials rejected, a permission missing), as
	 * the IDs' reports recorded them since the execution started. A pass's partitions on other worker JVMs have Graph
	 * clients of their own that have not met the refusal: without these, each would spend a call to meet it again.
	 * A resumed run (a new execution) calls again: its credentials may have been fixed since.
	 */
	@Transactional(readOnly = true)
	public List<ScopeRefused> scopesRefusedSince(Timestamp executionStart) {
		List<ScopeRefused> refused = new ArrayList<>();
		refusals(refused, "cw_failed_auth", ScopeStatus.State.FAILED_AUTH, executionStart);
		refusals(refused, "cw_permission_denied", ScopeStatus.State.PERMISSION_DENIED, executionStart);
		return refused;
	}

	private void refusals(List<ScopeRefused> into, String table, ScopeStatus.State state, Timestamp since) {
		jdbc.query("SELECT id_type, scope_id, MIN(code), MIN(message) FROM " + table + " WHERE failed_at >= ?"
				+ " GROUP BY id_type, scope_id", rs -> {
					into.add(new ScopeRefused(new Scope(IdType.parse(rs.getString(1)), rs.getString(2)), state,
							rs.getInt(3), rs.getString(4)));
				}, since);
	}

	/** A scope closed for an answer that holds for all of its IDs. */
	public record ScopeRefused(Scope scope, ScopeStatus.State state, int code, String message) {
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

	/**
	 * One pending ID of each scope a pass may slice, and that pass 0 does not open already, moves to pass 0: a pass-1
	 * ID where the scope has one (it is looked up first anyway), else a pass-2 ID.
	 */
	private void openSliceableScopes() {
		List<String> types = slicing.types().stream().map(IdType::wireName).sorted().toList();
		if (types.isEmpty()) {
			return;
		}
		String typeList = String.join(", ", types.stream().map(t -> "?").toList());
		for (int pass = 1; pass <= 2; pass++) {
			List<Object> args = new ArrayList<>(types);
			args.add(pass);
			args.add(pass);
			jdbc.update("UPDATE cw_staging SET lookup_pass = 0 WHERE id_key IN (SELECT MIN(id_key) FROM cw_staging"
					+ " WHERE status = 'PENDING' AND id_type IN (" + typeList + ") AND lookup_pass = ? AND scope_id NOT IN"
					+ " (SELECT scope_id FROM cw_staging WHERE status = 'PENDING' AND lookup_pass < ?) GROUP BY scope_id)",
					args.toArray());
		}
	}
}
