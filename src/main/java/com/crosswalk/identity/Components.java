package com.crosswalk.identity;

/**
 * The connected components left by the union-find phase, numbered in the order of their anchors (smallest
 * identifiers), with their members grouped in canonical order.
 *
 * @param count number of components (persons)
 * @param componentOf component of each identifier index
 * @param anchorOf smallest identifier index of each component
 * @param members identifier indexes grouped by component; component {@code c} is
 * {@code members[memberStart[c] .. memberStart[c + 1])}
 * @param customerJoined whether a customer_id link took part in forming each component
 */
record Components(int count, int[] componentOf, int[] anchorOf, int[] members, int[] memberStart,
		boolean[] customerJoined) {

	int size(int component) {
		return memberStart[component + 1] - memberStart[component];
	}
}
