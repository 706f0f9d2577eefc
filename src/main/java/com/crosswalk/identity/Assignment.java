package com.crosswalk.identity;

/**
 * One row of the membership table: an identifier and its person key.
 *
 * @param previousKey the key the identifier had before this run (null if none)
 */
public record Assignment(Identifier identifier, String personKey, String previousKey) {

	public boolean changed() {
		return !personKey.equals(previousKey);
	}
}
