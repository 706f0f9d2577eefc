package com.crosswalk.input;

import java.util.Objects;

import com.crosswalk.id.ScopedId;

/**
 * An input row that passed validation.
 *
 * @param customerId the business's own customer key, trimmed; null when the input has none for this row
 * @param id the scoped ID, in canonical form (decimal digits, no sign, no leading zero), of a Page or app that
 * belongs to the business
 */
public record ValidRow(SourcePosition position, String customerId, ScopedId id) implements RowResult {

	public ValidRow {
		Objects.requireNonNull(position, "position");
		Objects.requireNonNull(id, "id");
	}
}
