package com.crosswalk.identity;

/**
 * Limits that stop one bad link (a shared test account, a recycled customer_id, a data-entry error) from fusing
 * many people into one. Immutable; build with {@link #builder()}.
 *
 * @param maxIdsPerPerson most identifiers in one person, customers included
 * @param oneAsidPerApp whether a person may hold only one ASID of each app
 * @param onePsidPerPage whether a person may hold only one PSID of each Page
 * @param graphSeparatesPersons whether a customer_id link is refused between two persons that both hold scoped IDs
 * (see {@link GuardRule#GRAPH_SEPARATES_PERSONS})
 */
public record MergeGuards(int maxIdsPerPerson, boolean oneAsidPerApp, boolean onePsidPerPage,
		boolean graphSeparatesPersons) {

	public static final int DEFAULT_MAX_IDS_PER_PERSON = 50;

	public MergeGuards {
		if (maxIdsPerPerson < 2) {
			throw new IllegalArgumentException("maxIdsPerPerson must be at least 2, got " + maxIdsPerPerson);
		}
	}

	public static MergeGuards defaults() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public static final class Builder {

		private int maxIdsPerPerson = DEFAULT_MAX_IDS_PER_PERSON;

		private boolean oneAsidPerApp = true;

		private boolean onePsidPerPage = true;

		private boolean graphSeparatesPersons = true;

		private Builder() {
		}

		public Builder maxIdsPerPerson(int maxIdsPerPerson) {
			this.maxIdsPerPerson = maxIdsPerPerson;
			return this;
		}

		public Builder oneAsidPerApp(boolean oneAsidPerApp) {
			this.oneAsidPerApp = oneAsidPerApp;
			return this;
		}

		public Builder onePsidPerPage(boolean onePsidPerPage) {
			this.onePsidPerPage = onePsidPerPage;
			return this;
		}

		public Builder graphSeparatesPersons(boolean graphSeparatesPersons) {
			this.graphSeparatesPersons = graphSeparatesPersons;
			return this;
		}

		public MergeGuards build() {
			return new MergeGuards(maxIdsPerPerson, oneAsidPerApp, onePsidPerPage, graphSeparatesPersons);
		}
	}
}
