package com.crosswalk.identity;

import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cuts the identity table into merge groups that can be clustered one after another: a group holds every identifier
 * the clustering of any of them can touch, so a slice of whole groups clusters exactly as the whole table would.
 * <p>
 * Identifiers that share a person key are one group (the key's history decides merges and splits), and so are the
 * identifiers of a link. Nearly every link joins identifiers that already share a key: the lookup step gives all the
 * identifiers of one Graph answer one provisional key. So only the links across keys (a person met again in a later
 * run, customer_id links) go into a scratch table, and their groups are settled there, set-based, by propagating the
 * smallest label along those links (with pointer jumping, so a long chain takes few rounds). The database then
 * returns identities and links ordered by group, and the merge holds one slice of groups in memory at a time, however
 * large the table.
 * <p>
 * Both streams are sorted by the same expression in the same database, so the groups of the links come in the order
 * of the groups of the identities: they are matched by equality alone, never by comparing text in Java (whose order
 * need not be the database's).
 */
final class MergeGroups {

	/** The group of an identifier: its key's or its own label if a cross-key link names it, else its key or itself. */
	private static final String IDENTITY_GROUPS = "SELECT COALESCE(m.label, i.person_key, i.id_key) AS grp, i.id_key,"
			+ " i.person_key, COALESCE(p.created_at, i.key_assigned_at, i.first_seen) FROM cw_identity i"
			+ " LEFT JOIN cw_person p ON p.person_key = i.person_key"
			+ " LEFT JOIN cw_merge_label m ON m.node = COALESCE(i.person_key, i.id_key) ORDER BY grp";

	/**
	 * A link belongs to the group of its target, which must be in the identity table: a customer_id link joins a
	 * person only through an ID that was resolved, never through one still blocked.
	 */
	private static final String LINK_GROUPS = "SELECT COALESCE(m.label, t.person_key, t.id_key) AS grp, l.from_key,"
			+ " l.to_key, l.kind FROM cw_link l JOIN cw_identity t ON t.id_key = l.to_key"
			+ " LEFT JOIN cw_merge_label m ON m.node = COALESCE(t.person_key, t.id_key) ORDER BY grp";

	private static final String CROSS_KEY_EDGES = "INSERT INTO cw_merge_edge (a, b)"
			+ " SELECT DISTINCT COALESCE(f.person_key, l.from_key), COALESCE(t.person_key, t.id_key) FROM cw_link l"
			+ " JOIN cw_identity t ON t.id_key = l.to_key LEFT JOIN cw_identity f ON f.id_key = l.from_key"
			+ " WHERE COALESCE(f.person_key, l.from_key) <> COALESCE(t.person_key, t.id_key)";

	private static final String REVERSE_EDGES = "INSERT INTO cw_merge_edge (a, b) SELECT e.b, e.a FROM cw_merge_edge e"
			+ " WHERE NOT EXISTS (SELECT 1 FROM cw_merge_edge r WHERE r.a = e.b AND r.b = e.a)";

	private static final String PROPAGATE = "MERGE INTO cw_merge_label t USING (SELECT e.a AS node, MIN(l.label) AS label"
			+ " FROM cw_merge_edge e JOIN cw_merge_label l ON l.node = e.b GROUP BY e.a) s ON t.node = s.node"
			+ " WHEN MATCHED AND s.label < t.label THEN UPDATE SET label = s.label";

	private static final String JUMP = "MERGE INTO cw_merge_label t USING (SELECT n.node, j.label FROM cw_merge_label n"
			+ " JOIN cw_merge_label j ON j.node = n.label WHERE j.label < n.label) s ON t.node = s.node"
			+ " WHEN MATCHED THEN UPDATE SET label = s.label";

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	MergeGroups(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(10_000);
	}

	/** What settling the groups took. */
	record Settled(long crossKeyLinks, long nodes, int rounds) {
	}

	/** Fills the scratch tables for this merge; call inside the merge's transaction. */
	Settled settle() {
		clear();
		long edges = jdbc.update(CROSS_KEY_EDGES);
		if (edges == 0) {
			return new Settled(0, 0, 0);
		}
		jdbc.update(REVERSE_EDGES);
		long nodes = jdbc.update("INSERT INTO cw_merge_label (node, label) SELECT DISTINCT a, a FROM cw_merge_edge");
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
		return new Settled(edges, nodes, rounds);
	}

	/** Empties the scratch tables: they name identifiers, which a later {@code forget} must not leave behind. */
	void clear() {
		jdbc.update("DELETE FROM cw_merge_edge");
		jdbc.update("DELETE FROM cw_merge_label");
	}

	/** An identifier and the key it holds, in its group. */
	record GroupedIdentity(String group, Identifier id, String personKey, Instant keyCreatedAt) {
	}

	/** A link, in the group of its target. */
	record GroupedLink(String group, Identifier from, Identifier to, LinkKind kind) {
	}

	/**
	 * Calls {@code groupDone} after the identities and links of each group have been given to {@code identity} and
	 * {@code link}: the identities of a group first, then its links.
	 */
	void forEachGroup(Consumer<GroupedIdentity> identity, Consumer<GroupedLink> link, Runnable groupDone) {
		try (Stream<GroupedIdentity> identities = streaming.queryForStream(IDENTITY_GROUPS,
				(rs, n) -> new GroupedIdentity(rs.getString(1), Identifier.parse(rs.getString(2)), rs.getString(3),
						rs.getTimestamp(4).toInstant()));
				Stream<GroupedLink> links = streaming.queryForStream(LINK_GROUPS,
						(rs, n) -> new GroupedLink(rs.getString(1), Identifier.parse(rs.getString(2)),
								Identifier.parse(rs.getString(3)), LinkKind.of(rs.getString(4))))) {
			Peeking<GroupedLink> pendingLinks = new Peeking<>(links.iterator());
			String current = null;
			for (Iterator<GroupedIdentity> it = identities.iterator(); it.hasNext();) {
				GroupedIdentity row = it.next();
				if (!row.group().equals(current)) {
					if (current != null) {
						linksOf(current, pendingLinks, link);
						groupDone.run();
					}
					current = row.group();
				}
				identity.accept(row);
			}
			if (current != null) {
				linksOf(current, pendingLinks, link);
				groupDone.run();
			}
			if (pendingLinks.hasNext()) {
				throw new IllegalStateException("merge groups out of step: link " + pendingLinks.peek().from() + " — "
						+ pendingLinks.peek().to() + " in group " + pendingLinks.peek().group()
						+ " came after every identity was read");
			}
		}
	}

	private static void linksOf(String group, Peeking<GroupedLink> links, Consumer<GroupedLink> link) {
		while (links.hasNext() && links.peek().group().equals(group)) {
			link.accept(links.next());
		}
	}

	/** An iterator that can look at its next element without taking it. */
	private static final class Peeking<T> {

		private final Iterator<T> source;

		private T next;

		Peeking(Iterator<T> source) {
			this.source = source;
		}

		boolean hasNext() {
			return next != null || source.hasNext();
		}

		T peek() {
			if (next == null) {
				next = source.next();
			}
			return next;
		}

		T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			T taken = peek();
			next = null;
			return taken;
		}
	}
}
