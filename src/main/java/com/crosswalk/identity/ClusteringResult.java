package com.crosswalk.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The persons found by a {@link LinkClusterer}: every identifier's person key, what happened to previous keys,
 * and what the guards refused. Persons come in the order of their anchors (smallest identifiers), identifiers
 * within a person in canonical order, so two runs over the same links write identical output.
 */
public final class ClusteringResult {

	private final IdentifierTable table;

	private final Components components;

	private final String[] keyText;

	private final int[] previousKeyKept;

	private final PersonKeyTable previousKeys;

	private final int[] previousKeyOf;

	private final List<MergeEvent> merges;

	private final List<SplitEvent> splits;

	private final List<GuardViolation> violations;

	private final ClusteringStats stats;

	ClusteringResult(IdentifierTable table, Components components, String[] keyText, int[] previousKeyKept,
			PersonKeyTable previousKeys, int[] previousKeyOf, List<MergeEvent> merges, List<SplitEvent> splits,
			List<GuardViolation> violations, ClusteringStats stats) {
		this.table = table;
		this.components = components;
		this.keyText = keyText;
		this.previousKeyKept = previousKeyKept;
		this.previousKeys = previousKeys;
		this.previousKeyOf = previousKeyOf;
		this.merges = merges;
		this.splits = splits;
		this.violations = violations;
		this.stats = stats;
	}

	public int personCount() {
		return components.count();
	}

	public int identifierCount() {
		return table.size();
	}

	/** The person key of {@code id}, or null if the clusterer never saw it. */
	public String personKeyOf(Identifier id) {
		int i = table.indexOf(id);
		return (i < 0) ? null : keyText[components.componentOf()[i]];
	}

	/** Every person with its identifiers, created lazily one at a time. */
	public Stream<Person> persons() {
		int[] members = components.members();
		int[] memberStart = components.memberStart();
		return IntStream.range(0, components.count()).mapToObj(c -> {
			List<Identifier> ids = new ArrayList<>(memberStart[c + 1] - memberStart[c]);
			for (int k = memberStart[c]; k < memberStart[c + 1]; k++) {
				ids.add(table.get(members[k]));
			}
			return new Person(keyText[c], previousKeyKept[c] < 0, ids);
		});
	}

	/** Every identifier with its person key and previous key, person by person, created lazily. */
	public Stream<Assignment> assignments() {
		int[] members = components.members();
		int[] componentOf = components.componentOf();
		return IntStream.range(0, table.size()).mapToObj(k -> {
			int i = members[k];
			int previous = previousKeyOf[i];
			return new Assignment(table.get(i), keyText[componentOf[i]],
					(previous < 0) ? null : previousKeys.get(previous));
		});
	}

	/** Keys that were absorbed into an older key, sorted by target then source key. */
	public List<MergeEvent> mergeEvents() {
		return merges;
	}

	/** Identifiers that left a key which lives on elsewhere. */
	public List<SplitEvent> splitEvents() {
		return splits;
	}

	/** Links refused by the guards: Graph components first (by anchor), then customer links in canonical order. */
	public List<GuardViolation> violations() {
		return violations;
	}

	public ClusteringStats stats() {
		return stats;
	}
}
