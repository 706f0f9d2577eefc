package com.crosswalk.identity;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts for the run report.
 *
 * @param personsBySize number of persons per person size (identifiers per person), smallest size first
 */
public record ClusteringStats(int identifiers, int persons, int newPersons, int keptKeys, long graphLinks,
		long customerLinks, int graphComponentsRefused, int customerLinksRefused, int mergedKeys, int splits,
		SortedMap<Integer, Integer> personsBySize) {

	public ClusteringStats {
		personsBySize = Collections.unmodifiableSortedMap(new TreeMap<>(personsBySize));
	}

	/** The counts of no identifiers at all: what {@link #plus} starts from. */
	public static final ClusteringStats NONE = new ClusteringStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			Collections.emptySortedMap());

	/** The counts of two disjoint sets of identifiers clustered apart (slices of merge groups). */
	public ClusteringStats plus(ClusteringStats other) {
		TreeMap<Integer, Integer> sizes = new TreeMap<>(personsBySize);
		other.personsBySize.forEach((size, persons) -> sizes.merge(size, persons, Integer::sum));
		return new ClusteringStats(identifiers + other.identifiers, persons + other.persons,
				newPersons + other.newPersons, keptKeys + other.keptKeys, graphLinks + other.graphLinks,
				customerLinks + other.customerLinks, graphComponentsRefused + other.graphComponentsRefused,
				customerLinksRefused + other.customerLinksRefused, mergedKeys + other.mergedKeys,
				splits + other.splits, sizes);
	}

	public int largestPerson() {
		return personsBySize.isEmpty() ? 0 : personsBySize.lastKey();
	}
}
