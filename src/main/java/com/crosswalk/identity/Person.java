package com.crosswalk.identity;

import java.util.List;

/**
 * One person after clustering.
 *
 * @param key the stable person key
 * @param newKey true when the key was minted in this run (no identifier of the person had a key that survived)
 * @param identifiers the person's identifiers in canonical order; the first is the anchor
 */
public record Person(String key, boolean newKey, List<Identifier> identifiers) {

	public Person {
		identifiers = List.copyOf(identifiers);
	}
}
