package com.crosswalk.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code MERGE INTO table t USING <source> AS s ON ... WHEN ...} over many rows, with its source columns typed,
 * so that the same statement can read its rows from a {@code VALUES} row per execution or from a table filled in
 * bulk. The source rows must be unique on the key columns: a set-based MERGE may touch a target row once only.
 */
public final class Upsert {

	/**
	 * Source column types: how a parameter is cast in VALUES, and the column type of a bulk-loaded table (PostgreSQL;
	 * text compares bytewise there, as Crosswalk's columns do, so a join meets one collation).
	 */
	private enum Type {

		TEXT("?", "TEXT COLLATE \"C\""), BIGINT("?", "BIGINT"), INT("CAST(? AS INT)", "INT"),
		SMALLINT("CAST(? AS SMALLINT)", "SMALLINT"),
		TIMESTAMP("CAST(? AS TIMESTAMP WITH TIME ZONE)", "TIMESTAMP WITH TIME ZONE");

		private final String placeholder;

		private final String columnType;

		Type(String placeholder, String columnType) {
			this.placeholder = placeholder;
			this.columnType = columnType;
		}
	}

	/** A source column. */
	private record Column(String name, Type type) {
	}

	private final String table;

	private final List<Column> columns;

	private final int[] keyIndexes;

	private final String valuesSql;

	private final String sourceTable;

	private final String createSourceSql;

	private final String copySql;

	private final String fromSourceSql;

	private Upsert(String table, List<Column> columns, List<String> keys, String extraCondition, String actions) {
		this.table = table;
		this.columns = List.copyOf(columns);
		List<String> names = this.columns.stream().map(Column::name).toList();
		this.keyIndexes = keys.stream().mapToInt(names::indexOf).toArray();
		for (int i = 0; i < keyIndexes.length; i++) {
			if (keyIndexes[i] < 0) {
				throw new IllegalArgumentException("Key column " + keys.get(i) + " is not a source column of " + table);
			}
		}
		String equalities = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
		String condition = extraCondition == null ? equalities : equalities + " AND " + extraCondition;
		String columnNames = String.join(", ", names);
		String placeholders = this.columns.stream().map(c -> c.type().placeholder).collect(Collectors.joining(", "));
		String definitions = this.columns.stream()
			.map(c -> c.name() + " " + c.type().columnType)
			.collect(Collectors.joining(", "));
		this.valuesSql = "MERGE INTO " + table + " t USING (VALUES (" + placeholders + ")) AS s(" + columnNames + ") ON "
				+ condition + " " + actions;
		// one per target and column list: two upserts into one table, each with its own columns, share a connection
		this.sourceTable = "cw_source_" + table + "_" + Integer.toHexString(definitions.hashCode());
		this.createSourceSql = "CREATE TEMPORARY TABLE IF NOT EXISTS " + sourceTable + " (" + definitions + ")";
		this.copySql = "COPY " + sourceTable + " (" + columnNames + ") FROM STDIN";
		this.fromSourceSql = "MERGE INTO " + table + " t USING " + sourceTable + " AS s ON " + condition + " " + actions;
	}

	public static Builder into(String table) {
		return new Builder(table);
	}

	public String table() {
		return table;
	}

	/** The statement with one row of parameters as its source, for a JDBC batch. */
	public String valuesSql() {
		return valuesSql;
	}

	/** The temporary table a bulk load fills (PostgreSQL). */
	public String sourceTable() {
		return sourceTable;
	}

	public String createSourceSql() {
		return createSourceSql;
	}

	/** {@code COPY} of the source columns, in order, into {@link #sourceTable()}. */
	public String copySql() {
		return copySql;
	}

	/** The statement reading its rows from {@link #sourceTable()}. */
	public String fromSourceSql() {
		return fromSourceSql;
	}

	/** Refuses rows of the wrong width, and rows that repeat a key: a bulk MERGE would fail on them mid-way. */
	void check(List<Object[]> rows) {
		Set<Object> keys = new HashSet<>(rows.size() * 2);
		for (Object[] row : rows) {
			if (row.length != columns.size()) {
				throw new IllegalArgumentException(
						"A row for " + table + " has " + row.length + " values, not " + columns.size());
			}
			// most upserts have a one-column key: that value itself, not a list of one, is the key
			Object key = keyIndexes.length == 1 ? row[keyIndexes[0]] : keyOf(row);
			if (!keys.add(key)) {
				throw new IllegalArgumentException("Two rows for " + table + " share the key " + keyOf(row));
			}
		}
	}

	private List<Object> keyOf(Object[] row) {
		List<Object> key = new ArrayList<>(keyIndexes.length);
		for (int index : keyIndexes) {
			key.add(row[index]);
		}
		return key;
	}

	/** Builds an {@link Upsert}: source columns in parameter order, the key, then the WHEN clauses. */
	public static final class Builder {

		private final String table;

		private final List<Column> columns = new ArrayList<>();

		private List<String> keys = List.of();

		private String extraCondition;

		private Builder(String table) {
			this.table = table;
		}

		public Builder text(String... names) {
			return add(Type.TEXT, names);
		}

		public Builder bigint(String... names) {
			return add(Type.BIGINT, names);
		}

		public Builder integer(String... names) {
			return add(Type.INT, names);
		}

		public Builder smallint(String... names) {
			return add(Type.SMALLINT, names);
		}

		public Builder timestamp(String... names) {
			return add(Type.TIMESTAMP, names);
		}

		/** The source columns that match a target row, each as {@code t.key = s.key}. */
		public Builder on(String... keyColumns) {
			this.keys = List.of(keyColumns);
			return this;
		}

		/** A further condition of the ON clause that is not a key column, such as a constant. */
		public Builder onlyWhere(String condition) {
			this.extraCondition = condition;
			return this;
		}

		/** The WHEN clauses, referring to the target as {@code t} and the source as {@code s}. */
		public Upsert then(String actions) {
			if (keys.isEmpty()) {
				throw new IllegalStateException("An upsert into " + table + " needs key columns");
			}
			return new Upsert(table, columns, keys, extraCondition, actions);
		}

		private Builder add(Type type, String... names) {
			for (String name : names) {
				columns.add(new Column(name, type));
			}
			return this;
		}
	}
}
