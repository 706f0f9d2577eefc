package com.crosswalk.identity;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.sql.Database;

/**
 * Cuts the identity table into merge groups that can be clustered one after another: a group holds every identifier
 * the clustering of any of them can touch, so a slice of whole groups clusters exactly as the whole table would.
 * <p>
 * Identifiers that share a person key are one group (the key's history decides merges and splits), and so are the
 * ends of a link. Nearly every link stays inside one key: the lookup step gives all the identifiers of one Graph
 * answer one provisional key, and a customer's rows are usually one person. So only the links of a <em>hub</em>, a
 * link source whose targets hold other keys than its own or more than one key (a customer_id shared by two persons,
 * a person met again under an older key), become edges in a scratch table, and the groups of their keys are settled
 * there, set-based, by propagating the smallest label along those edges (with pointer jumping, so a long chain takes
 * few rounds). The database then returns the identities with their incoming links ordered by group, and the merge
 * holds one slice of groups in memory at a time, however large the table.
 * <p>
 * A link travels with its target, which must be in the identity table: a customer_id link joins a person only through
 * an ID that was resolved, never through one still blocked.
 */
final class MergeGroups {

	/** The key or, for an identifier without one, the identifier itself: where grouping starts. */
	private static final String TARGET_KEY = "COALESCE(t.person_key, t.id_key)";

	private static final String SOURCE_KEY = "COALESCE(f.person_key, f.id_key)";

	private static final String HUBS = "INSERT INTO cw_merge_hub (node) SELECT l.from_key FROM cw_link l"
			+ " JOIN cw_identity t ON t.id_key = l.to_key LEFT JOIN cw_identity f ON f.id_key = l.from_key"
			+ " GROUP BY l.from_key HAVING MIN(" + TARGET_KEY + ") <> MAX(" + TARGET_KEY + ") OR MIN(" + SOURCE_KEY
			+ ") <> MIN(" + TARGET_KEY + ") OR MIN(" + SOURCE_KEY + ") <> MAX(" + TARGET_KEY + ")";

	private static final String HUB_EDGES = "INSERT INTO cw_merge_edge (a, b) SELECT DISTINCT COALESCE(f.person_key,"
			+ " f.id_key, l.from_key), " + TARGET_KEY + " FROM cw_merge_hub h JOIN cw_link l ON l.from_key = h.node"
			+ " JOIN cw_identity t ON t.id_key = l.to_key LEFT JOIN cw_identity f ON f.id_key = l.from_key"
			+ " WHERE COALESCE(f.person_key, f.id_key, l.from_key) <> " + TARGET_KEY;

	private static final String REVERSE_EDGES = "INSERT INTO cw_merge_edge (a, b) SELECT e.b, e.a FROM cw_merge_edge e"
			+ " WHERE NOT EXISTS (SELECT 1 FROM cw_merge_edge r WHERE r.a = e.b AND r.b = e.a)";

	private static final String PROPAGATE = "MERGE INTO cw_merge_label t USING (SELECT e.a AS node, MIN(l.label) AS label"
			+ " FROM cw_merge_edge e JOIN cw_merge_label l ON l.node = e.b GROUP BY e.a) s ON t.node = s.node"
			+ " WHEN MATCHED AND s.label < t.label THEN UPDATE SET label = s.label";

	private static final String JUMP = "MERGE INTO cw_merge_label t USING (SELECT n.node, j.label FROM cw_merge_label n"
			+ " JOIN cw_merge_label j ON j.node = n.label WHERE j.label < n.label) s ON t.node = s.node"
			+ " WHEN MATCHED THEN UPDATE SET label = s.label";

	/**
	 * Each identity with each link into it (or none), ordered by group and identity: the rows of one identity come
	 * together, the identities of one group too.
	 */
	private static final String GROUPED_ROWS = "SELECT COALESCE(m.label, t.person_key, t.id_key) AS grp, t.id_key,"
			+ " t.person_key, COALESCE(p.created_at, t.key_assigned_at, t.first_seen), l.from_key, l.kind"
			+ " FROM cw_identity t LEFT JOIN cw_person p ON p.person_key = t.person_key"
			+ " LEFT JOIN cw_link l ON l.to_key = t.id_key"
			+ " LEFT JOIN cw_merge_label m ON m.node = " + TARGET_KEY + " ORDER BY grp, t.id_key";

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final Database database;

	MergeGroups(JdbcTemplate jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(10_000);
	}

	/** What settling the groups found. */
	record Settled(long hubs, long edges, int rounds) {
	}

	/** Fills the scratch tables for this merge; call inside the merge's transaction. */
	Settled settle() {
		clear();
		long hubs = jdbc.update(HUBS);
		if (hubs == 0) {
			return new Settled(0, 0, 0);
		}
		analyze("cw_merge_hub");
		long edges = jdbc.update(HUB_EDGES);
		analyze("cw_merge_edge");
		jdbc.update(REVERSE_EDGES);
		analyze("cw_merge_edge");
		jdbc.update("INSERT INTO cw_merge_label (node, label) SELECT DISTINCT a, a FROM cw_merge_edge");
		analyze("cw_merge_label");
		int rounds = 0;
		int changed;
		do {
			rounds++;
			changed = jdbc.update(PROPAGATE);
			if (changed > 0) {
				while (jdbc.update(JUMP) > 0) {
					// each jump halves the chains of labels; a few statements settle even long ones
				}
			}
		}
		while (changed > 0);
		return new Settled(hubs, edges, rounds);
	}

	/**
	 * Statistics for a scratch table just filled. PostgreSQL's autovacuum analyses these tables after a merge has
	 * emptied them, and with statistics that say "no rows" the planner joined 30,000 labels to themselves by scanning
	 * the table for each row: minutes for a statement that takes a second. ANALYZE counts the rows this transaction
	 * inserted. H2 plans from its exact row counts.
	 */
	private void analyze(String table) {
		if (database == Database.POSTGRESQL) {
			jdbc.execute("ANALYZE " + table);
		}
	}

	/** Empties the scratch tables: they name identifiers, which a later {@code forget} must not leave behind. */
	void clear() {
		jdbc.update("DELETE FROM cw_merge_hub");
		jdbc.update("DELETE FROM cw_merge_edge");
		jdbc.update("DELETE FROM cw_merge_label");
	}

	/**
	 * An identity in its group, with one link into it.
	 *
	 * @param linkFrom the link's source, or null for an identity without incoming links
	 */
	record GroupedRow(String group, String idKey, String personKey, Instant keyCreatedAt, String linkFrom,
			String linkKind) {
	}

	/**
	 * Hands every row to {@code row}, calling {@code groupDone} after the last row of each group.
	 */
	void forEachGroup(Consumer<GroupedRow> row, Runnable groupDone) {
		try (Stream<GroupedRow> rows = streaming.queryForStream(GROUPED_ROWS,
				(rs, n) -> new GroupedRow(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)))) {
			String[] current = { null };
			rows.forEachOrdered(r -> {
				if (current[0] != null && !r.group().equals(current[0])) {
					groupDone.run();
				}
				current[0] = r.group();
				row.accept(r);
			});
			if (current[0] != null) {
				groupDone.run();
			}
		}
	}
}
