package com.crosswalk.identity;

import java.util.List;
import java.util.Objects;

/**
 * Links that were not merged because the result would break a {@link MergeGuards} rule.
 *
 * @param identifiers the identifiers involved, in canonical order: for a customer link its two ends and the
 * clashing identifiers; for a Graph component its members (the first 100 when larger, see {@code detail})
 * @param rule the rule that would be broken
 * @param source which kind of link was refused
 * @param detail a sentence for the report
 */
public record GuardViolation(List<Identifier> identifiers, GuardRule rule, LinkKind source, String detail) {

	public GuardViolation {
		identifiers = List.copyOf(identifiers);
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(detail, "detail");
	}
}
