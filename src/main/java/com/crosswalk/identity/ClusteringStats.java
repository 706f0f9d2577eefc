package com.crosswalk.identity;

import java.util.SortedMap;

/**
 * Counts for the run report.
 *
 * @param personsBySize number of persons per person size (identifiers per person), smallest size first
 */
public record ClusteringStats(int identifiers, int persons, int newPersons, int keptKeys, long graphLinks,
		long customerLinks, int graphComponentsRefused, int customerLinksRefused, int mergedKeys, int splits,
		SortedMap<Integer, Integer> personsBySize) {

	public ClusteringStats {
		personsBySize = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(personsBySize));
	}

	public int largestPerson() {
		return personsBySize.isEmpty() ? 0 : personsBySize.lastKey();
	}
}
