package com.crosswalk.input;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.id.ScopedId;
import com.crosswalk.identity.Tombstones;
import com.crosswalk.sql.AnyRow;
import com.crosswalk.sql.InList;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.Upsert;
import com.crosswalk.sql.UpsertWriter;

/**
 * Writes one chunk of validated input: accepted rows into the staging table (one row per distinct scoped ID,
 * duplicates counted, not stored twice), customer links, and rejected rows with their reasons, the last two in a
 * transaction beside the chunk's ({@link SideTransactions}). Every statement is keyed by the row's ordinal or the ID,
 * so a chunk replayed after a crash overwrites itself instead of doubling.
 */
public class ImportRecorder {

	private static final Upsert UPSERT_STAGING = Upsert.into("cw_staging")
		.text("id_key", "id_type", "scope_id", "scoped_id", "customer_id")
		.bigint("first_position", "lookup_order", "occurrences")
		.text("status")
		.bigint("instance_id")
		.smallint("lookup_pass")
		.on("id_key")
		.then("WHEN MATCHED THEN UPDATE SET occurrences = t.occurrences + s.occurrences,"
				+ " customer_id = COALESCE(t.customer_id, s.customer_id)"
				+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, customer_id, first_position,"
				+ " lookup_order, occurrences, lookup_pass, status, instance_id) VALUES (s.id_key, s.id_type,"
				+ " s.scope_id, s.scoped_id, s.customer_id, s.first_position, s.lookup_order, s.occurrences,"
				+ " s.lookup_pass, s.status, s.instance_id)");

	private static final Upsert UPSERT_CUSTOMER_LINK = Upsert.into("cw_link")
		.text("from_key", "to_key", "evidence")
		.bigint("instance_id")
		.timestamp("at")
		.on("from_key", "to_key")
		.then("WHEN MATCHED AND t.evidence <> s.evidence THEN UPDATE SET evidence = s.evidence,"
				+ " instance_id = s.instance_id"
				+ " WHEN NOT MATCHED THEN INSERT (from_key, to_key, kind, evidence, instance_id, learnt_at)"
				+ " VALUES (s.from_key, s.to_key, 'customer', s.evidence, s.instance_id, s.at)");

	private static final Upsert UPSERT_REJECT = Upsert.into("cw_reject")
		.bigint("instance_id")
		.text("position")
		.integer("ordinal")
		.text("field", "raw_value", "reason", "customer_id")
		.timestamp("at")
		.on("instance_id", "position", "ordinal")
		.onlyWhere("t.stage = 'INPUT'")
		.then("WHEN NOT MATCHED THEN INSERT (instance_id, stage, position, ordinal, field, raw_value, reason,"
				+ " customer_id, rejected_at) VALUES (s.instance_id, 'INPUT', s.position, s.ordinal, s.field,"
				+ " s.raw_value, s.reason, s.customer_id, s.at)");

	private static final String FORGOTTEN_PREFIX = "forgotten:";

	private static final String FORGOTTEN_VALUE = "-";

	/** Input positions whose IDs keep their input order in each lane: see {@link #lookupOrder}. */
	static final int ORDER_BLOCK = 512;

	private static final long SCATTER = 0x9E3779B97F4A7C15L;

	private static final long SCOPE_SALT = 0xC2B2AE3D27D4EB4FL;

	private static final short FIRST_PASS = 1;

	private static final short SECOND_PASS = 2;

	private final JdbcTemplate jdbc;

	private final UpsertWriter upserts;

	private final SideTransactions sides;

	private final Clock clock;

	private final Predicate<String> forgotten;

	private final Duration reverifyAfter;

	private PassOneLoad passOneLoad;

	public ImportRecorder(JdbcTemplate jdbc, UpsertWriter upserts, SideTransactions sides, Clock clock,
			Predicate<String> forgotten, Duration reverifyAfter) {
		this.jdbc = jdbc;
		this.upserts = upserts;
		this.sides = sides;
		this.clock = clock;
		this.forgotten = forgotten;
		this.reverifyAfter = reverifyAfter;
	}

	/**
	 * Empties the staging table for a new run. Only a new run's first step calls this, before its import: a resumed
	 * run skips that completed step and keeps its rows. Truncated, not deleted: H2 took 24 s to delete a
	 * 174,174-ID run's rows one by one, a nightly re-run's longest step after its import.
	 */
	public void startEmpty() {
		jdbc.execute("TRUNCATE TABLE cw_staging");
	}

	/** True when the staging table holds rows of this run. */
	public boolean hasStagedRows(long instanceId) {
		return AnyRow.in(jdbc, "cw_staging WHERE instance_id = ?", instanceId);
	}

	/** Writes the chunk; returns how many distinct IDs it staged. */
	public int record(long instanceId, List<? extends ImportedRow> rows) {
		Timestamp now = Timestamp.from(clock.instant());
		Map<String, StagedRow> staged = new LinkedHashMap<>();
		Map<String, Object[]> customerLinks = new LinkedHashMap<>();
		List<Object[]> rejects = new ArrayList<>();
		for (ImportedRow imported : rows) {
			if (imported.result() instanceof ValidRow valid) {
				ScopedId id = valid.id();
				String key = id.toString();
				boolean idForgotten = forgotten.test(key);
				String customerKey = valid.customerId() == null ? null : "customer::" + valid.customerId();
				boolean customerForgotten = customerKey != null && forgotten.test(customerKey);
				String customerId = idForgotten || customerForgotten ? null : valid.customerId();
				// A forgotten ID is counted (the run's numbers must add up) but staged under its tombstone hash:
				// the database must not hold the value again.
				String stagedKey = idForgotten ? FORGOTTEN_PREFIX + Tombstones.hash(key) : key;
				StagedRow existing = staged.get(stagedKey);
				if (existing != null) {
					existing.occurrences++;
					if (existing.customerId == null) {
						existing.customerId = customerId;
					}
				}
				else {
					staged.put(stagedKey, new StagedRow(stagedKey, id, idForgotten ? FORGOTTEN_VALUE : id.id(),
							customerId, imported.ordinal(), idForgotten ? "FORGOTTEN" : "PENDING"));
				}
				if (customerKey != null && !idForgotten && !customerForgotten) {
					customerLinks.putIfAbsent(customerKey + "\n" + key, new Object[] { customerKey, key,
							valid.position().toString(), instanceId, now });
				}
			}
			else if (imported.result() instanceof RejectedRow rejected) {
				rejects.add(new Object[] { instanceId, rejected.position().toString(), imported.ordinal(),
						rejected.field(), rejected.value(), rejected.reason(), rejected.customerId(), now });
			}
		}
		// the staging rows are the chunk's checkpoint, written in the chunk's transaction; the links and rejects are
		// keyed by what they say, so a chunk replayed after a crash between the commits writes them again unchanged
		try (SideTransactions.Write written = sides.start(() -> {
			upserts.write(UPSERT_CUSTOMER_LINK, new ArrayList<>(customerLinks.values()));
			upserts.write(UPSERT_REJECT, rejects);
		})) {
			planNewRows(instanceId, staged.values());
			upserts.write(UPSERT_STAGING, staged.values().stream().map(row -> row.parameters(instanceId)).toList());
			written.join();
		}
		return staged.size();
	}

	/**
	 * Plans each new row as it is staged, so no later step has to rewrite the whole staging table (on a
	 * million-row input each such rewrite cost more than all the Graph calls): an ID verified within the re-verify
	 * age is FRESH; of the IDs sharing a customer_id only one is looked up in pass 1, the others wait for pass 2
	 * because that answer usually names them. Rows already staged (a duplicate, or a chunk replayed after a crash)
	 * keep what they had.
	 * <p>
	 * Which of a customer's IDs goes first is chosen to even out the apps' and Pages' pass-1 work: each scope is
	 * looked up by a lane of its own against a budget of its own, so the busiest scope sets the run's length. Exports
	 * list a customer's IDs in a fixed column or scope order, and taking the first row would pile pass 1 onto one
	 * scope (measured: 3,387 calls for one app against 745 for a Page, in a run its quota made four times longer
	 * than the others needed).
	 */
	private void planNewRows(long instanceId, Collection<StagedRow> rows) {
		List<String> keys = new ArrayList<>(rows.size());
		Map<String, List<StagedRow>> byCustomer = new LinkedHashMap<>();
		for (StagedRow row : rows) {
			keys.add(row.key);
			if (row.customerId != null) {
				byCustomer.computeIfAbsent(row.customerId, c -> new ArrayList<>()).add(row);
			}
		}
		// a first run (a backfill) has no identifier yet: one look, not a statement per 500 keys of its input
		Set<String> fresh = !AnyRow.in(jdbc, "cw_identity") ? Set.of()
				: InList.select(jdbc, "SELECT id_key FROM cw_identity WHERE last_verified >= ? AND id_key IN", keys,
						Timestamp.from(clock.instant().minus(reverifyAfter)));
		Set<String> customersSeen = InList.selectByIndex(jdbc, upserts.database(),
				"SELECT DISTINCT customer_id FROM cw_staging WHERE instance_id = ? AND customer_id IN",
				byCustomer.keySet(), instanceId);
		for (StagedRow row : rows) {
			if (fresh.contains(row.key) && row.isPending()) {
				row.status = "FRESH";
			}
		}
		PassOneLoad load = passOneLoad(instanceId);
		for (StagedRow row : rows) {
			if (row.customerId == null && row.isPending()) {
				load.add(row.scopeId());
			}
		}
		byCustomer.forEach((customer, customerRows) -> {
			StagedRow first = customersSeen.contains(customer) ? null : load.leastLoaded(customerRows);
			for (StagedRow row : customerRows) {
				if (row != first) {
					row.pass = SECOND_PASS;
				}
			}
		});
	}

	private synchronized PassOneLoad passOneLoad(long instanceId) {
		if (passOneLoad == null || passOneLoad.instanceId != instanceId) {
			passOneLoad = new PassOneLoad(instanceId);
		}
		return passOneLoad;
	}

	/**
	 * Pass-1 IDs planned so far per scope, in this process. Counts start again after a restart: the choice only
	 * balances the work, it never decides whether an ID is looked up.
	 */
	private static final class PassOneLoad {

		private final long instanceId;

		private final Map<String, Long> byScope = new HashMap<>();

		PassOneLoad(long instanceId) {
			this.instanceId = instanceId;
		}

		synchronized void add(String scope) {
			byScope.merge(scope, 1L, Long::sum);
		}

		/** The customer's pending row in the scope with the least pass-1 work (the first such row on a tie). */
		synchronized StagedRow leastLoaded(List<StagedRow> customerRows) {
			StagedRow best = null;
			long bestLoad = Long.MAX_VALUE;
			for (StagedRow row : customerRows) {
				long rowLoad = byScope.getOrDefault(row.scopeId(), 0L);
				if (row.isPending() && rowLoad < bestLoad) {
					best = row;
					bestLoad = rowLoad;
				}
			}
			if (best == null) {
				return customerRows.get(0);
			}
			add(best.scopeId());
			return best;
		}
	}

	/**
	 * Where an ID comes in its scope's lane: the input in blocks of {@link #ORDER_BLOCK} positions, each scope's
	 * blocks in an order of its own (a multiplicative hash of the block and the scope), input order within a block.
	 * Across lanes, IDs that sit next to each other in the input (often one person's) come up at unrelated times, so
	 * the first answer covers the others before they are looked up. Within a block a lane reads in input order: a
	 * chunk's rows go into the lane index in a few runs of neighbours, and a recorded page moves neighbouring rows out
	 * of PENDING. On H2 each row written at a random key rewrites a page of its own; with every ID at a random order
	 * (the rule before) a 200,000-row staging table took 95 µs a row to import and 219 µs a looked-up ID to record,
	 * in blocks 40 and 115 µs (docs/benchmarks.md, 2026-12-06 16:10 UTC entry). Orders stay spread evenly over the
	 * non-negative longs, block by block, which is what slicing a scope by ranges of them needs.
	 */
	static long lookupOrder(String scopeId, long position) {
		long block = position / ORDER_BLOCK;
		long spread = ((block ^ (scopeId.hashCode() * SCOPE_SALT)) * SCATTER) >>> 1;
		// a block's first order is a multiple of the block size, so its last stays within the non-negative longs
		return spread / ORDER_BLOCK * ORDER_BLOCK + position % ORDER_BLOCK;
	}

	/** One distinct ID of a chunk on its way into cw_staging; planning may still change its status and pass. */
	private static final class StagedRow {

		private final String key;

		private final ScopedId id;

		private final String scopedId;

		private final long firstPosition;

		private String customerId;

		private long occurrences = 1;

		private String status;

		private short pass = FIRST_PASS;

		StagedRow(String key, ScopedId id, String scopedId, String customerId, long firstPosition, String status) {
			this.key = key;
			this.id = id;
			this.scopedId = scopedId;
			this.customerId = customerId;
			this.firstPosition = firstPosition;
			this.status = status;
		}

		String scopeId() {
			return id.scopeId();
		}

		boolean isPending() {
			return "PENDING".equals(status);
		}

		/** In UPSERT_STAGING's column order. */
		Object[] parameters(long instanceId) {
			return new Object[] { key, id.type().wireName(), id.scopeId(), scopedId, customerId, firstPosition,
					lookupOrder(id.scopeId(), firstPosition), occurrences, status, instanceId, pass };
		}
	}

	/** A validated row with its ordinal in the input. */
	public record ImportedRow(long ordinal, RowResult result) {
	}
}
