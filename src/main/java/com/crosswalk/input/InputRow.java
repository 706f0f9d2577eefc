package com.crosswalk.input;

import java.util.Objects;

/**
 * One ID as read from the input, before validation: every field is the raw text of its cell (or null when the
 * cell or column is absent). A record the reader could not parse at all still becomes an InputRow, carrying
 * {@link Unreadable}, so that every record of the input ends up either accepted or rejected, never dropped.
 */
public record InputRow(SourcePosition position, String customerId, String idType, String scopeId,
		String scopedId, Unreadable unreadable) {

	public InputRow {
		Objects.requireNonNull(position, "position");
	}

	public static InputRow of(SourcePosition position, String customerId, String idType, String scopeId,
			String scopedId) {
		return new InputRow(position, customerId, idType, scopeId, scopedId, null);
	}

	public static InputRow unreadable(SourcePosition position, String reason, String rawText) {
		return new InputRow(position, null, null, null, null, new Unreadable(reason, Excerpt.of(rawText, 200)));
	}

	public boolean readable() {
		return unreadable == null;
	}

	/** For CSV the physical line the record starts on; for JDBC the row number. */
	public long line() {
		return position.line();
	}

	/**
	 * Why the record could not be parsed, and the start of its raw text (escaped, at most 200 characters).
	 */
	public record Unreadable(String reason, String excerpt) {

		public Unreadable {
			Objects.requireNonNull(reason, "reason");
		}
	}
}
