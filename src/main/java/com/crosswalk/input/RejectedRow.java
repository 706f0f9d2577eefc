package com.crosswalk.input;

import java.util.Objects;

/**
 * An input row that was not accepted, with enough to find and fix it.
 *
 * @param position where the row is in the input
 * @param field the offending column ({@code record} when the record itself could not be parsed)
 * @param value the offending value, control characters escaped and cut to 200 characters (null when absent)
 * @param code a stable code for grouping in reports
 * @param reason what is wrong and what to do about it
 */
public record RejectedRow(SourcePosition position, String field, String value, RejectionCode code, String reason)
		implements RowResult {

	/** Longest value kept, after escaping. */
	public static final int MAX_VALUE_LENGTH = 200;

	public RejectedRow {
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(reason, "reason");
		value = Excerpt.of(value, MAX_VALUE_LENGTH);
	}

	@Override
	public String toString() {
		return position + ": " + field + (value == null ? "" : " '" + value + "'") + " rejected: " + reason;
	}
}
