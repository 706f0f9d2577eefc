package com.crosswalk.identity;

/**
 * Identifiers that had {@code fromKey} and now belong to another person, because the links that held them
 * together are gone or now break a guard. {@code fromKey} lives on with the rest of its identifiers (or was
 * merged, see {@link MergeEvent}).
 */
public record SplitEvent(String fromKey, String toKey, int identifiersMoved, String example) {
}
