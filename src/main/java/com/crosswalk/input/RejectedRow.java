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
 * @param customerId the row's customer_id as it came (escaped and cut like the value), so rejects can go back to
 *        the CRM owner by customer; null when the row has none or could not be read
 */
public record RejectedRow(SourcePosition position, String field, String value, RejectionCode code, String reason,
		String customerId) implements RowResult {

	/** Longest value kept, after escaping. */
	public static final int MAX_VALUE_LENGTH = 200;

	public RejectedRow {
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(reason, "reason");
		value = Excerpt.of(value, MAX_VALUE_LENGTH);
		customerId = (customerId == null || customerId.isBlank()) ? null
				: Excerpt.of(customerId.strip(), MAX_VALUE_LENGTH);
	}

	public RejectedRow(SourcePosition position, String field, String value, RejectionCode code, String reason) {
		this(position, field, value, code, reason, null);
	}

	/** The same reject, naming the row's customer. */
	public RejectedRow withCustomerId(String rowCustomerId) {
		return new RejectedRow(position, field, value, code, reason, rowCustomerId);
	}

	@Override
	public String toString() {
		return position + ": " + field + (value == null ? "" : " '" + value + "'") + " rejected: " + reason;
	}
}
