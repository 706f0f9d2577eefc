package com.crosswalk.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements over many keys as {@code ... IN (?, ?, ...)}, a slice of keys a statement: one round trip a slice
 * instead of one a key, and no database's limit on parameters is ever reached. Works the same on H2 and PostgreSQL.
 */
public final class InList {

	/** Keys a statement. */
	public static final int SLICE = 500;

	private InList() {
	}

	/**
	 * The first column of {@code sqlPrefix (?, ...)} over all the keys; {@code sqlPrefix} ends with {@code IN}, and
	 * {@code leading} are the arguments of the placeholders before it.
	 */
	public static Set<String> select(JdbcTemplate jdbc, String sqlPrefix, Collection<String> keys, Object... leading) {
		Set<String> found = new HashSet<>();
		for (List<String> slice : slices(keys)) {
			found.addAll(jdbc.queryForList(sql(sqlPrefix, slice.size()), String.class, arguments(leading, slice)));
		}
		return found;
	}

	/**
	 * {@link #select} for a table that may have no statistics yet, such as one the import is still filling: on
	 * PostgreSQL the planner, not knowing how selective a long {@code IN} list is, read the whole table for each
	 * slice (58.8 s of a 1 M-ID import, once a chunk over an ever longer table), where the index finds the keys in a
	 * few milliseconds. Run it in a transaction: the setting holds for that transaction's statements only.
	 */
	public static Set<String> selectByIndex(JdbcTemplate jdbc, Database database, String sqlPrefix,
			Collection<String> keys, Object... leading) {
		if (database != Database.POSTGRESQL || keys.isEmpty()) {
			return select(jdbc, sqlPrefix, keys, leading);
		}
		jdbc.execute("SET LOCAL enable_seqscan = off");
		Set<String> found = select(jdbc, sqlPrefix, keys, leading);
		// not in a finally: after a failed statement PostgreSQL refuses every other one until the rollback, which
		// ends the setting anyway
		jdbc.execute("SET LOCAL enable_seqscan = DEFAULT");
		return found;
	}

	/** Runs {@code sqlPrefix (?, ...)} over all the keys; returns the rows it changed. */
	public static int update(JdbcTemplate jdbc, String sqlPrefix, Collection<String> keys, Object... leading) {
		int changed = 0;
		for (List<String> slice : slices(keys)) {
			changed += jdbc.update(sql(sqlPrefix, slice.size()), arguments(leading, slice));
		}
		return changed;
	}

	private static List<List<String>> slices(Collection<String> keys) {
		List<String> all = new ArrayList<>(keys);
		List<List<String>> slices = new ArrayList<>();
		for (int from = 0; from < all.size(); from += SLICE) {
			slices.add(all.subList(from, Math.min(all.size(), from + SLICE)));
		}
		return slices;
	}

	private static String sql(String sqlPrefix, int keys) {
		return sqlPrefix + " (" + String.join(", ", Collections.nCopies(keys, "?")) + ")";
	}

	private static Object[] arguments(Object[] leading, List<String> slice) {
		Object[] arguments = new Object[leading.length + slice.size()];
		System.arraycopy(leading, 0, arguments, 0, leading.length);
		for (int i = 0; i < slice.size(); i++) {
			arguments[leading.length + i] = slice.get(i);
		}
		return arguments;
	}
}
