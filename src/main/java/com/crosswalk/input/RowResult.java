package com.crosswalk.input;

/** What validation made of one {@link InputRow}: accepted as a {@link ValidRow} or explained as a {@link RejectedRow}. */
public sealed interface RowResult permits ValidRow, RejectedRow {

	SourcePosition position();

	default boolean accepted() {
		return this instanceof ValidRow;
	}
}
