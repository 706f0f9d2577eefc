package com.crosswalk.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * The staged IDs still waiting for a lookup, read a scope and a pass at a time in lookup order. The status column is
 * the checkpoint (Spring Batch's process-indicator pattern): a recorded answer moves an ID out of PENDING, so a
 * restarted run reads exactly the IDs not yet answered, and IDs an earlier answer covered are never read at all.
 */
final class PendingIds {

	private static final String PAGE = "SELECT id_type, scope_id, scoped_id, customer_id, lookup_pass, lookup_order,"
			+ " id_key FROM cw_staging WHERE scope_id = ? AND lookup_pass = ? AND lookup_order >= ?"
			// the constant columns are in the ORDER BY so H2 reads the index in order and stops after the page
			+ " AND lookup_order <= ? AND status = 'PENDING' ORDER BY scope_id, lookup_pass, lookup_order, id_key FETCH FIRST ? ROWS ONLY";

	private final JdbcTemplate jdbc;

	PendingIds(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** How many IDs of each scope are pending in the pass, by scope. */
	Map<String, ScopeCount> countsByScope(int pass) {
		Map<String, ScopeCount> counts = new TreeMap<>();
		jdbc.query("SELECT scope_id, id_type, COUNT(*) FROM cw_staging WHERE status = 'PENDING' AND lookup_pass = ?"
				+ " GROUP BY scope_id, id_type", rs -> {
					counts.put(rs.getString(1), new ScopeCount(IdType.parse(rs.getString(2)), rs.getLong(3)));
				}, pass);
		return counts;
	}

	/** A scope's kind and how many of its IDs are pending. */
	record ScopeCount(IdType type, long ids) {
	}

	/**
	 * Up to {@code size} pending IDs of one scope and pass after {@code after} and up to lookup order {@code upTo}. The cursor, not the status, moves a
	 * lane on: the IDs of its pages in flight are still PENDING until their answers are recorded. A page comes back
	 * short of {@code size} only at the end of the scope's pass.
	 */
	Page page(String scopeId, int pass, Cursor after, int size, long upTo) {
		List<PendingId> ids = new ArrayList<>(size);
		List<Cursor> positions = new ArrayList<>(size);
		// rows sharing the cursor's lookup order were read again: at most after.ties() of them are skipped
		jdbc.query(PAGE, rs -> {
			long order = rs.getLong(6);
			String key = rs.getString(7);
			if (ids.size() == size || after.covers(order, key)) {
				return;
			}
			ids.add(new PendingId(new ScopedId(IdType.parse(rs.getString(1)), rs.getString(2), rs.getString(3)),
					rs.getString(4), rs.getInt(5)));
			positions.add(new Cursor(order, key, 1));
		}, scopeId, pass, after.order(), upTo, size + after.ties());
		Cursor next = after;
		for (Cursor position : positions) {
			next = position.order() == next.order() ? new Cursor(next.order(), position.key(), next.ties() + 1)
					: position;
		}
		return new Page(ids, next);
	}

	/**
	 * The last ID a lane has read: its lookup order and key, and how many IDs of that order it has read (orders
	 * repeat when one input row holds several IDs).
	 */
	record Cursor(long order, String key, int ties) {

		static final Cursor START = from(Long.MIN_VALUE);

		/** Before the first ID of lookup order {@code order} or higher. */
		static Cursor from(long order) {
			return new Cursor(order, "", 0);
		}

		boolean covers(long otherOrder, String otherKey) {
			return otherOrder < order || (otherOrder == order && otherKey.compareTo(key) <= 0);
		}
	}

	record Page(List<PendingId> ids, Cursor next) {
	}
}
