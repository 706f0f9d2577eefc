package com.crosswalk.input;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams {@link InputRow}s from a customer-table query: forward-only, read-only, with a fetch size so the driver
 * does not load the whole result (auto-commit is switched off for the duration, which PostgreSQL needs to use a
 * cursor). Result columns are matched by their labels against the same {@link ColumnMapping} as CSV headers,
 * so {@code SELECT cust_no AS customer_id, ...} adapts any table. Each row's position is its row number plus the
 * value of its key column: the configured one, else the customer column when the query returns one.
 * <p>
 * A cell that cannot be read as text becomes an unreadable row; a failure of the query or connection itself
 * is thrown, because no row after it can be trusted.
 */
public final class JdbcInputReader implements InputRowReader {

	private static final Logger log = LoggerFactory.getLogger(JdbcInputReader.class);

	private final JdbcQuery query;

	private final Connection connection;

	private final boolean autoCommitBefore;

	private final PreparedStatement statement;

	private final ResultSet results;

	private final BoundColumns columns;

	private final int keyIndex;

	private final Deque<InputRow> pending = new ArrayDeque<>();

	private long rowNumber;

	private long rowsRead;

	private boolean ended;

	/**
	 * Runs the query and checks its columns.
	 *
	 * @throws InputFormatException when a required column is missing from the result
	 * @throws InputSourceException when the query cannot be run
	 */
	public JdbcInputReader(DataSource dataSource, JdbcQuery query, ColumnMapping mapping) {
		this.query = query;
		Connection opened = null;
		boolean autoCommit = true;
		PreparedStatement prepared = null;
		ResultSet resultSet = null;
		try {
			opened = dataSource.getConnection();
			autoCommit = opened.getAutoCommit();
			opened.setAutoCommit(false);
			opened.setReadOnly(true);
			prepared = opened.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			prepared.setFetchSize(query.fetchSize());
			resultSet = prepared.executeQuery();
			ResultSetMetaData meta = resultSet.getMetaData();
			List<String> labels = new ArrayList<>(meta.getColumnCount());
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				labels.add(meta.getColumnLabel(i));
			}
			this.columns = mapping.bind(labels, query.label(), null);
			this.keyIndex = keyIndex(labels, query, mapping);
		}
		catch (SQLException e) {
			closeAll(resultSet, prepared, opened, autoCommit);
			throw new InputSourceException(query.label() + ": the input query failed: " + e.getMessage(), e);
		}
		catch (RuntimeException e) {
			closeAll(resultSet, prepared, opened, autoCommit);
			throw e;
		}
		this.connection = opened;
		this.autoCommitBefore = autoCommit;
		this.statement = prepared;
		this.results = resultSet;
	}

	/**
	 * The configured key column, else the customer column when the query has one: a query without ORDER BY does not
	 * return its rows in a stable order, so a row number names a different row on the next run, and the customer's
	 * key is what the CRM owner looks rows up by. -1 when neither is there (rows are named by number).
	 */
	private static int keyIndex(List<String> labels, JdbcQuery query, ColumnMapping mapping) {
		boolean configured = query.keyColumn() != null && !query.keyColumn().isBlank();
		String wanted = ColumnMapping.normalize(configured ? query.keyColumn() : mapping.customerIdColumn());
		for (int i = 0; i < labels.size(); i++) {
			if (ColumnMapping.normalize(labels.get(i)).equals(wanted)) {
				return i;
			}
		}
		if (!configured) {
			return -1;
		}
		throw new InputFormatException(query.label() + ": the key column '" + query.keyColumn()
				+ "' is not in the query result " + labels + "; add it to the SELECT or change the key column setting");
	}

	@Override
	public InputRow next() {
		while (pending.isEmpty() && !ended) {
			readRow();
		}
		InputRow row = pending.poll();
		if (row != null) {
			rowsRead++;
		}
		return row;
	}

	private void readRow() {
		try {
			if (!results.next()) {
				ended = true;
				return;
			}
			rowNumber++;
			String key = null;
			if (keyIndex >= 0) {
				key = results.getString(keyIndex + 1);
				if (key == null) {
					key = "NULL (row " + rowNumber + ")";
				}
			}
			SourcePosition position = SourcePosition.row(query.label(), rowNumber, key);
			List<String> values = new ArrayList<>(columns.width());
			for (int i = 1; i <= columns.width(); i++) {
				try {
					values.add(results.getString(i));
				}
				catch (SQLException e) {
					pending.add(InputRow.unreadable(position,
							"column " + i + " cannot be read as text: " + e.getMessage(), null));
					return;
				}
			}
			columns.expand(position, values::get, pending);
		}
		catch (SQLException e) {
			throw new InputSourceException(query.label() + ": reading the query result failed after row " + rowNumber
					+ ": " + e.getMessage(), e);
		}
	}

	@Override
	public long rowsRead() {
		return rowsRead;
	}

	@Override
	public void close() {
		ended = true;
		closeAll(results, statement, connection, autoCommitBefore);
	}

	private static void closeAll(ResultSet resultSet, PreparedStatement prepared, Connection opened,
			boolean autoCommit) {
		try {
			if (resultSet != null) {
				resultSet.close();
			}
			if (prepared != null) {
				prepared.close();
			}
			if (opened != null) {
				// the query only read; ending the transaction releases the cursor before the pool reuses it
				opened.rollback();
				opened.setAutoCommit(autoCommit);
				opened.setReadOnly(false);
			}
		}
		catch (SQLException e) {
			log.debug("closing the input query failed: {}", e.getMessage());
		}
		finally {
			if (opened != null) {
				try {
					opened.close();
				}
				catch (SQLException e) {
					log.debug("closing the input connection failed: {}", e.getMessage());
				}
			}
		}
	}
}
