package com.crosswalk.lookup;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.graph.LookupOutcome;
import com.crosswalk.graph.LookupOutcome.Blocked;
import com.crosswalk.graph.LookupOutcome.FailedAuth;
import com.crosswalk.graph.LookupOutcome.PermissionDenied;
import com.crosswalk.graph.LookupOutcome.Rejected;
import com.crosswalk.graph.LookupOutcome.Resolved;
import com.crosswalk.id.ScopedId;
import com.crosswalk.identity.Identifier;
import com.crosswalk.identity.PersonKeys;
import com.crosswalk.sql.AnyRow;
import com.crosswalk.sql.InList;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.Upsert;
import com.crosswalk.sql.UpsertWriter;

/**
 * Files each lookup outcome in its table, and moves the staged IDs out of PENDING: the pages are either wholly
 * recorded or (after a crash) looked up again, and a lookup done again writes the same identities and links again.
 */
public class OutcomeRecorder {

	/**
	 * A new identifier gets a provisional person key: the key the merge step would mint for the person the answer
	 * describes. For the usual brand-new person the merge then keeps it and rewrites nothing; where persons join,
	 * the older key wins as always.
	 */
	private static final Upsert UPSERT_IDENTITY = Upsert.into("cw_identity")
		.text("id_key", "id_type", "scope_id", "scoped_id")
		.timestamp("at")
		.text("person_key")
		.on("id_key")
		.then("WHEN MATCHED THEN UPDATE SET last_verified = s.at"
				+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, first_seen, last_verified,"
				+ " person_key, key_assigned_at) VALUES (s.id_key, s.id_type, s.scope_id, s.scoped_id, s.at, s.at,"
				+ " s.person_key, s.at)");

	private static final Upsert UPSERT_LINK = Upsert.into("cw_link")
		.text("from_key", "to_key", "evidence")
		.bigint("instance_id")
		.timestamp("at")
		.on("from_key", "to_key")
		.then("WHEN MATCHED THEN UPDATE SET evidence = s.evidence, instance_id = s.instance_id, learnt_at = s.at"
				+ " WHEN NOT MATCHED THEN INSERT (from_key, to_key, kind, evidence, instance_id, learnt_at)"
				+ " VALUES (s.from_key, s.to_key, 'graph', s.evidence, s.instance_id, s.at)");

	private static final String UPSERT_BLOCKED = "MERGE INTO cw_blocked t USING (VALUES (?, ?, ?, ?, ?, CAST(? AS INT), ?, CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), ?))"
			+ " AS s(id_key, id_type, scope_id, scoped_id, customer_id, code, message, at, retry_after, instance_id)"
			+ " ON t.id_key = s.id_key"
			+ " WHEN MATCHED THEN UPDATE SET code = s.code, message = s.message, last_blocked_at = s.at,"
			+ " retry_after = s.retry_after, instance_id = s.instance_id"
			+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, customer_id, code, message,"
			+ " first_blocked_at, last_blocked_at, retry_after, instance_id) VALUES (s.id_key, s.id_type, s.scope_id,"
			+ " s.scoped_id, s.customer_id, s.code, s.message, s.at, s.at, s.retry_after, s.instance_id)";

	/**
	 * A #200 within the window of the block that started the scope's review clock (a re-check before the window
	 * passed, or its other IDs) keeps that clock: probing does not restart Meta's review. A probe after the window
	 * starts it again.
	 */
	private static final String UPSERT_BLOCKED_SCOPE = "MERGE INTO cw_blocked_scope t USING (VALUES (?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT)))"
			+ " AS s(scope_id, id_type, message, at, window_start, instance_id) ON t.scope_id = s.scope_id"
			+ " WHEN MATCHED THEN UPDATE SET message = s.message, instance_id = s.instance_id, last_blocked_at ="
			+ " CASE WHEN t.last_blocked_at > s.window_start THEN t.last_blocked_at ELSE s.at END"
			+ " WHEN NOT MATCHED THEN INSERT (scope_id, id_type, message, first_blocked_at, last_blocked_at, instance_id)"
			+ " VALUES (s.scope_id, s.id_type, s.message, s.at, s.at, s.instance_id)";

	private static final String UPSERT_FAILED_AUTH = upsertScopeRefusal("cw_failed_auth");

	private static final String UPSERT_PERMISSION_DENIED = upsertScopeRefusal("cw_permission_denied");

	/**
	 * The IDs of a scope closed for an answer that holds for all of them (rejected credentials, a missing
	 * permission): one table each, the same columns.
	 */
	private static String upsertScopeRefusal(String table) {
		return "MERGE INTO " + table + " t USING (VALUES (?, ?, ?, ?, ?, CAST(? AS INT), CAST(? AS INT), ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?))"
			+ " AS s(id_key, id_type, scope_id, scoped_id, customer_id, code, subcode, message, at, instance_id)"
			+ " ON t.id_key = s.id_key"
			+ " WHEN MATCHED THEN UPDATE SET code = s.code, subcode = s.subcode, message = s.message, failed_at = s.at,"
			+ " instance_id = s.instance_id"
			+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, customer_id, code, subcode, message,"
			+ " failed_at, instance_id) VALUES (s.id_key, s.id_type, s.scope_id, s.scoped_id, s.customer_id, s.code,"
			+ " s.subcode, s.message, s.at, s.instance_id)";
	}

	private static final String UPSERT_LOOKUP_REJECT = "MERGE INTO cw_reject t USING (VALUES (?, ?, ?, ?, ?, CAST(? AS INT), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
			+ " AS s(instance_id, position, raw_value, reason, customer_id, code, at)"
			+ " ON t.instance_id = s.instance_id AND t.stage = 'LOOKUP' AND t.position = s.position AND t.ordinal = 0"
			+ " WHEN MATCHED THEN UPDATE SET reason = s.reason, code = s.code, rejected_at = s.at"
			+ " WHEN NOT MATCHED THEN INSERT (instance_id, stage, position, ordinal, field, raw_value, reason,"
			+ " customer_id, code, rejected_at) VALUES (s.instance_id, 'LOOKUP', s.position, 0, 'scoped_id',"
			+ " s.raw_value, s.reason, s.customer_id, s.code, s.at)";

	private final JdbcTemplate jdbc;

	private final UpsertWriter upserts;

	private final TransactionTemplate transaction;

	private final SideTransactions sides;

	private final Predicate<String> forgotten;

	private final BlockedScopes blockedScopes;

	private final Duration reviewRetryAfter;

	private final RecordingLock lock;

	public OutcomeRecorder(JdbcTemplate jdbc, UpsertWriter upserts, TransactionTemplate transaction,
			SideTransactions sides, Predicate<String> forgotten, BlockedScopes blockedScopes,
			Duration reviewRetryAfter, RecordingLock lock) {
		this.lock = lock;
		this.jdbc = jdbc;
		this.upserts = upserts;
		this.transaction = transaction;
		this.sides = sides;
		this.forgotten = forgotten;
		this.blockedScopes = blockedScopes;
		this.reviewRetryAfter = reviewRetryAfter;
	}

	/**
	 * Records the answered pages: the identities and links they name beside (in a transaction of their own, committed
	 * first), the staged IDs' moves out of PENDING and the reports in the recorder's transaction, which is the
	 * checkpoint. Returns how many staged IDs left PENDING (answered, or named by an answer).
	 * <p>
	 * One recording at a time, whichever partition of the lookup calls, in whichever JVM ({@link RecordingLock}).
	 */
	public long record(long instanceId, List<AnsweredPage> pages) {
		return lock.holding(() -> recordHeld(instanceId, pages));
	}

	private long recordHeld(long instanceId, List<AnsweredPage> pages) {
		Map<ScopedId, PendingId> byId = new LinkedHashMap<>();
		List<Resolved> answers = new ArrayList<>();
		List<LookupOutcome> failures = new ArrayList<>();
		for (AnsweredPage page : pages) {
			page.ids().forEach(p -> byId.put(p.id(), p));
			for (LookupOutcome outcome : page.outcomes()) {
				if (outcome instanceof Resolved r) {
					answers.add(r);
				}
				else {
					failures.add(outcome);
				}
			}
		}
		Learnt learnt = learnt(instanceId, answers);
		// Identities and links in one transaction: a later run takes an identity verified within the re-verify age
		// for fresh and does not look it up again, so none may be committed without the links its answer brought
		// (a new run after a server crash emptied the staging table found persons split when they were two).
		try (SideTransactions.Write written = sides.start(() -> {
			upserts.write(UPSERT_IDENTITY, learnt.identities());
			upserts.write(UPSERT_LINK, learnt.links());
		})) {
			return transaction.execute(tx -> {
				long moved = moveOutOfPending(instanceId, answers, failures, byId, learnt.covered());
				written.join();
				return moved;
			});
		}
	}

	/**
	 * An outcome moves only an ID still PENDING: one that another lane's answer named since it was read is COVERED,
	 * and a late failure for it must neither undo that nor file it in a report. Nearly all outcomes are answers, moved
	 * a slice of keys a statement; only a failure needs to know whether it moved its ID.
	 */
	private long moveOutOfPending(long instanceId, List<Resolved> answers, List<LookupOutcome> failures,
			Map<ScopedId, PendingId> byId, Set<String> covered) {
		Set<String> answered = new LinkedHashSet<>();
		answers.forEach(r -> answered.add(r.input().toString()));
		long movedRows = InList.update(jdbc,
				"UPDATE cw_staging SET status = 'RESOLVED' WHERE status = 'PENDING' AND id_key IN", answered);
		int[] moved = jdbc.batchUpdate("UPDATE cw_staging SET status = ? WHERE id_key = ? AND status = 'PENDING'",
				failures.stream().map(o -> new Object[] { statusOf(o).name(), o.input().toString() }).toList());
		Set<String> blockedNow = new LinkedHashSet<>();
		for (int i = 0; i < failures.size(); i++) {
			if (moved[i] > 0) {
				movedRows++;
				fileFailure(instanceId, failures.get(i), byId.get(failures.get(i).input()));
				if (failures.get(i) instanceof Blocked b) {
					blockedNow.add(b.input().scopeId());
				}
			}
		}
		if (!blockedNow.isEmpty()) {
			blockedScopes.refreshReportedDue(blockedNow);
		}
		// An ID named by another ID's answer is resolved, even if its own scope is blocked or its token dead, and
		// leaves those reports; a statement a slice of keys, not one a key: these rarely change anything
		int coveredRows = InList.update(jdbc, "UPDATE cw_staging SET status = 'COVERED'"
				+ " WHERE status IN ('PENDING', 'BLOCKED', 'FAILED_AUTH', 'DENIED', 'UNAVAILABLE') AND id_key IN", covered);
		// the answered IDs and the IDs the answers name leave the blocked and failed-auth reports, and a scope that
		// answered again is out of review
		Set<String> resolved = new LinkedHashSet<>(answered);
		resolved.addAll(covered);
		clearFromReport("cw_blocked", "id_key", resolved);
		clearFromReport("cw_failed_auth", "id_key", resolved);
		clearFromReport("cw_permission_denied", "id_key", resolved);
		Set<String> scopes = new LinkedHashSet<>();
		answers.forEach(r -> scopes.add(r.input().scopeId()));
		clearFromReport("cw_blocked_scope", "scope_id", scopes);
		return movedRows + coveredRows;
	}

	/**
	 * The identities and links the answers name. Two answers of one page often name the same identifier: it is
	 * written once, as the first one named it.
	 */
	private Learnt learnt(long instanceId, List<Resolved> answers) {
		Map<String, Object[]> identities = new LinkedHashMap<>();
		Map<String, Object[]> links = new LinkedHashMap<>();
		Set<String> covered = new LinkedHashSet<>();
		for (Resolved r : answers) {
			ScopedId input = r.input();
			Timestamp at = Timestamp.from(r.at());
			Set<ScopedId> others = new LinkedHashSet<>(r.linked());
			others.remove(input);
			others.removeIf(other -> forgotten.test(other.toString()));
			String provisionalKey = provisionalKey(input, others);
			identities.putIfAbsent(input.toString(), identityRow(input, at, provisionalKey));
			for (ScopedId other : others) {
				identities.putIfAbsent(other.toString(), identityRow(other, at, provisionalKey));
				links.put(input + "\n" + other,
						new Object[] { input.toString(), other.toString(), r.callRef(), instanceId, at });
				covered.add(other.toString());
			}
		}
		return new Learnt(new ArrayList<>(identities.values()), new ArrayList<>(links.values()), covered);
	}

	/** Rows for cw_identity and cw_link, and the keys the answers named besides their own. */
	private record Learnt(List<Object[]> identities, List<Object[]> links, Set<String> covered) {
	}

	/**
	 * Deletes the keys from a report table that holds any row. Most runs have nothing blocked and no dead token, and
	 * a statement a slice of 500 keys costs about a millisecond even on an empty table: at a million IDs, 4,600 of
	 * them in the recorder's serial path.
	 */
	private void clearFromReport(String table, String keyColumn, Set<String> keys) {
		if (AnyRow.in(jdbc, table)) {
			InList.update(jdbc, "DELETE FROM " + table + " WHERE " + keyColumn + " IN", keys);
		}
	}

	/** Files a failure that moved its ID in the report it belongs to. */
	private void fileFailure(long instanceId, LookupOutcome outcome, PendingId pending) {
		ScopedId input = outcome.input();
		String customer = pending == null ? null : pending.customerId();
		if (outcome instanceof Blocked b) {
			Timestamp at = Timestamp.from(b.at());
			Timestamp retry = Timestamp.from(b.retryAfter());
			jdbc.update(UPSERT_BLOCKED, input.toString(), input.type().wireName(), input.scopeId(), input.id(),
					customer, b.code(), b.message(), at, retry, instanceId);
			jdbc.update(UPSERT_BLOCKED_SCOPE, input.scopeId(), input.type().wireName(), b.message(), at,
					Timestamp.from(b.at().minus(reviewRetryAfter)), instanceId);
		}
		else if (outcome instanceof FailedAuth f) {
			fileScopeRefusal(UPSERT_FAILED_AUTH, instanceId, input, customer, f.code(), f.subcode(), f.message(),
					f.at());
		}
		else if (outcome instanceof PermissionDenied d) {
			fileScopeRefusal(UPSERT_PERMISSION_DENIED, instanceId, input, customer, d.code(), d.subcode(), d.message(),
					d.at());
		}
		else if (outcome instanceof Rejected x) {
			jdbc.update(UPSERT_LOOKUP_REJECT, instanceId, input.toString(), input.id(),
					"Graph API refused the ID: " + x.message(), customer, x.code(), Timestamp.from(x.at()));
		}
	}

	private void fileScopeRefusal(String upsert, long instanceId, ScopedId input, String customer, int code,
			Integer subcode, String message, Instant at) {
		jdbc.update(upsert, input.toString(), input.type().wireName(), input.scopeId(), input.id(), customer, code,
				subcode, message, Timestamp.from(at), instanceId);
	}

	private static StagingStatus statusOf(LookupOutcome failure) {
		if (failure instanceof Blocked) {
			return StagingStatus.BLOCKED;
		}
		if (failure instanceof FailedAuth) {
			return StagingStatus.FAILED_AUTH;
		}
		if (failure instanceof PermissionDenied) {
			return StagingStatus.DENIED;
		}
		return failure instanceof Rejected ? StagingStatus.REJECTED : StagingStatus.UNAVAILABLE;
	}

	private static Object[] identityRow(ScopedId id, Timestamp at, String provisionalKey) {
		return new Object[] { id.toString(), id.type().wireName(), id.scopeId(), id.id(), at, provisionalKey };
	}

	private static String provisionalKey(ScopedId input, Set<ScopedId> others) {
		Identifier anchor = Identifier.of(input);
		for (ScopedId other : others) {
			Identifier candidate = Identifier.of(other);
			if (candidate.compareTo(anchor) < 0) {
				anchor = candidate;
			}
		}
		return PersonKeys.derive(anchor);
	}

}
