package com.crosswalk.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.progress.ProgressMeter;
import com.crosswalk.sql.Upsert;
import com.crosswalk.sql.UpsertWriter;

/**
 * The identities and links the Graph answers named, kept as they come and moved into {@code cw_identity} and
 * {@code cw_link} later, many at a time. The lookup appends each recording's rows in its checkpoint transaction: an
 * append touches the log's last page only, where writing them into the keyed tables rewrote pages all over those
 * tables at every recording (on H2 every page a commit touches is copied: 24 KB written per ID looked up, measured in
 * docs/benchmarks.md). {@link #apply} moves the log a slice at a time, each slice in a transaction that also deletes
 * it, so a crash mid-way leaves each row either applied and gone or still in the log, and applying it again writes the
 * same rows. Whoever reads the identity tables applies the log first: the merge, a new run's start, forget.
 */
public final class AnswerLog {

	private static final Logger log = LoggerFactory.getLogger(AnswerLog.class);

	/** Log rows a transaction moves: the fewer transactions, the fewer times H2 copies the pages they touch. */
	public static final int DEFAULT_SLICE = 20_000;

	private static final List<String> IDENTITY_COLUMNS = List.of("id_key", "id_type", "scope_id", "scoped_id",
			"named_at", "person_key");

	private static final List<String> LINK_COLUMNS = List.of("from_key", "to_key", "evidence", "instance_id",
			"named_at");

	/**
	 * A new identifier gets its first answer's provisional person key (the key the merge would mint for the person
	 * that answer describes) and time; a known one, its last answer's time as last verified.
	 */
	private static final Upsert UPSERT_IDENTITY = Upsert.into("cw_identity")
		.text("id_key", "id_type", "scope_id", "scoped_id")
		.timestamp("first_at", "last_at")
		.text("person_key")
		.on("id_key")
		.then("WHEN MATCHED THEN UPDATE SET last_verified = s.last_at"
				+ " WHEN NOT MATCHED THEN INSERT (id_key, id_type, scope_id, scoped_id, first_seen, last_verified,"
				+ " person_key, key_assigned_at) VALUES (s.id_key, s.id_type, s.scope_id, s.scoped_id, s.first_at,"
				+ " s.last_at, s.person_key, s.first_at)");

	/** A link named again takes its last answer's evidence. */
	private static final Upsert UPSERT_LINK = Upsert.into("cw_link")
		.text("from_key", "to_key", "evidence")
		.bigint("instance_id")
		.timestamp("at")
		.on("from_key", "to_key")
		.then("WHEN MATCHED THEN UPDATE SET evidence = s.evidence, instance_id = s.instance_id, learnt_at = s.at"
				+ " WHEN NOT MATCHED THEN INSERT (from_key, to_key, kind, evidence, instance_id, learnt_at)"
				+ " VALUES (s.from_key, s.to_key, 'graph', s.evidence, s.instance_id, s.at)");

	private final JdbcTemplate jdbc;

	private final UpsertWriter upserts;

	private final TransactionTemplate transaction;

	private final int slice;

	private final Duration progressEvery;

	public AnswerLog(JdbcTemplate jdbc, UpsertWriter upserts, TransactionTemplate transaction, int slice,
			Duration progressEvery) {
		if (slice < 1) {
			throw new IllegalArgumentException("slice must be at least 1, was " + slice);
		}
		this.jdbc = jdbc;
		this.upserts = upserts;
		this.transaction = transaction;
		this.slice = slice;
		this.progressEvery = progressEvery;
	}

	/**
	 * Appends, in the caller's transaction, identities as {@code id_key, id_type, scope_id, scoped_id, named_at,
	 * person_key} and links as {@code from_key, to_key, evidence, instance_id, named_at}.
	 */
	public void append(List<Object[]> identities, List<Object[]> links) {
		upserts.append("cw_identity_log", IDENTITY_COLUMNS, identities);
		upserts.append("cw_link_log", LINK_COLUMNS, links);
	}

	/** Rows not yet applied. */
	public long pending() {
		return count("cw_identity_log") + count("cw_link_log");
	}

	/**
	 * Moves the whole log into the identity tables, links first: an identity never stands in cw_identity without the
	 * links its answer brought (a later run takes it for freshly verified and does not ask again). Returns the log
	 * rows moved.
	 */
	public long apply() {
		long total = pending();
		if (total == 0) {
			return 0;
		}
		log.info("applying {} identities and links the lookup recorded", total);
		ProgressMeter progress = new ProgressMeter(log, "apply answers", "rows", total, progressEvery);
		long done = 0;
		long moved;
		while ((moved = applySlice("cw_link_log", "from_key, to_key, evidence, instance_id, named_at",
				this::writeLinks)) > 0) {
			progress.update(done += moved);
		}
		while ((moved = applySlice("cw_identity_log", "id_key, id_type, scope_id, scoped_id, named_at, person_key",
				this::writeIdentities)) > 0) {
			progress.update(done += moved);
		}
		progress.finish(done);
		return done;
	}

	/**
	 * Reads, writes and deletes the log's first slice in one transaction; returns its rows. A row is read as its
	 * columns in order, the time ({@code named_at}) as a {@link Timestamp}.
	 */
	private long applySlice(String table, String columns, Consumer<List<Object[]>> writer) {
		Long moved = transaction.execute(tx -> {
			List<Object[]> rows = new ArrayList<>(slice);
			long[] last = { -1 };
			jdbc.query("SELECT seq, " + columns + " FROM " + table + " ORDER BY seq FETCH FIRST " + slice
					+ " ROWS ONLY", rs -> {
						int width = rs.getMetaData().getColumnCount() - 1;
						Object[] row = new Object[width];
						for (int i = 0; i < width; i++) {
							String name = rs.getMetaData().getColumnLabel(i + 2);
							row[i] = "named_at".equalsIgnoreCase(name) ? rs.getTimestamp(i + 2) : rs.getObject(i + 2);
						}
						rows.add(row);
						last[0] = rs.getLong(1);
					});
			if (rows.isEmpty()) {
				return 0L;
			}
			writer.accept(rows);
			jdbc.update("DELETE FROM " + table + " WHERE seq <= ?", last[0]);
			return (long) rows.size();
		});
		return moved == null ? 0 : moved;
	}

	/** One row a key, in key order (neighbouring keys share pages): the first answer's values, the last's time. */
	private void writeIdentities(List<Object[]> rows) {
		Map<String, Object[]> byKey = new LinkedHashMap<>();
		for (Object[] row : rows) {
			Object[] known = byKey.get((String) row[0]);
			if (known == null) {
				byKey.put((String) row[0], new Object[] { row[0], row[1], row[2], row[3], row[4], row[4], row[5] });
			}
			else {
				known[5] = row[4];
			}
		}
		upserts.write(UPSERT_IDENTITY, sortedByKey(byKey));
	}

	/** One row a link, the last answer's, in key order. */
	private void writeLinks(List<Object[]> rows) {
		Map<String, Object[]> byKey = new LinkedHashMap<>();
		for (Object[] row : rows) {
			byKey.put(row[0] + "\n" + row[1], row);
		}
		upserts.write(UPSERT_LINK, sortedByKey(byKey));
	}

	private static List<Object[]> sortedByKey(Map<String, Object[]> byKey) {
		List<Map.Entry<String, Object[]>> entries = new ArrayList<>(byKey.entrySet());
		entries.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
		return entries.stream().map(Map.Entry::getValue).toList();
	}

	private long count(String table) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		return count == null ? 0 : count;
	}
}
