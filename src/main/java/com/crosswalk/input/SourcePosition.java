package com.crosswalk.input;

import java.util.Objects;

/**
 * Where an input row came from, so a rejected row can be found and fixed: the physical line of a CSV record's
 * first line, or the key of a database row.
 *
 * @param source the file name or query label, as shown to the user
 * @param line for CSV, the 1-based physical line on which the record starts; for JDBC, the 1-based row number
 * @param rowKey for JDBC, the value of the configured key column (null for CSV or when no key column is set)
 */
public record SourcePosition(String source, long line, String rowKey) {

	public SourcePosition {
		Objects.requireNonNull(source, "source");
	}

	public static SourcePosition line(String source, long line) {
		return new SourcePosition(source, line, null);
	}

	public static SourcePosition row(String source, long rowNumber, String rowKey) {
		return new SourcePosition(source, rowNumber, rowKey);
	}

	@Override
	public String toString() {
		if (rowKey != null) {
			return source + " row key " + Excerpt.of(rowKey, 80);
		}
		return source + " line " + line;
	}
}
