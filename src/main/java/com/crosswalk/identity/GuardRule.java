package com.crosswalk.identity;

/** The over-merge rules of {@link MergeGuards}. */
public enum GuardRule {
	/** A person may hold at most {@link MergeGuards#maxIdsPerPerson()} identifiers. */
	MAX_IDS_PER_PERSON,
	/** One person has one ASID per app: two would be two Facebook users. */
	ONE_ASID_PER_APP,
	/** One person has one PSID per Page: two would be two Facebook users. */
	ONE_PSID_PER_PAGE,
	/**
	 * A customer_id may not join two persons that each hold a PSID or ASID: a Graph answer lists every ID of a person
	 * across the business's apps and Pages, so two such persons are two people (a household sharing a CRM key, a
	 * recycled key).
	 */
	GRAPH_SEPARATES_PERSONS
}
