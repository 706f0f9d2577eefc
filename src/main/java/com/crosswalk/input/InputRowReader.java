package com.crosswalk.input;

/**
 * A stream of input rows from a CSV file or a database query. Restartable: a caller that has already handled the
 * first {@code n} rows of an unchanged input resumes with {@link #skipTo(long)}.
 */
public interface InputRowReader extends AutoCloseable {

	/** The next row, or null at the end of the input. Unparseable records come back as unreadable rows. */
	InputRow next();

	/** Rows returned by {@link #next()} so far (skipped rows included); the restart position. */
	long rowsRead();

	/** The share of the input consumed so far (0 to 1), or a negative number when its size is unknown (a query). */
	default double shareRead() {
		return -1;
	}

	/**
	 * Moves forward until {@code rowsAlreadyRead} rows have been read, without returning them. Does nothing when
	 * that many rows have been read already.
	 *
	 * @return the number of rows actually skipped (less than asked when the input ends first)
	 */
	default long skipTo(long rowsAlreadyRead) {
		long skipped = 0;
		while (rowsRead() < rowsAlreadyRead && next() != null) {
			skipped++;
		}
		return skipped;
	}

	@Override
	void close();
}
