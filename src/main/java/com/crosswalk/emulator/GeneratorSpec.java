package com.crosswalk.emulator;

/**
 * What {@link PopulationGenerator} makes: a business with {@code apps} apps and {@code pages} Pages, {@code persons}
 * persons, all derived from {@code seed}.
 *
 * @param badRowsShare share of input rows that are bad (malformed, unknown scope, other business, duplicate, ...)
 * @param reviewShare share of scoped IDs placed in the app under review and the Pages it manages; needs 2+ apps
 */
public record GeneratorSpec(int persons, int apps, int pages, long seed, double badRowsShare, double reviewShare) {

	public static final double DEFAULT_BAD_ROWS_SHARE = 0.01;

	public static final double DEFAULT_REVIEW_SHARE = 0.05;

	public GeneratorSpec {
		if (persons < 1) {
			throw new IllegalArgumentException("persons must be at least 1");
		}
		if (apps < 1 || pages < 0 || apps + pages > 10_000) {
			throw new IllegalArgumentException("need at least 1 app, no negative Pages, at most 10,000 assets");
		}
		if (!(badRowsShare >= 0 && badRowsShare < 1) || !(reviewShare >= 0 && reviewShare < 1)) {
			throw new IllegalArgumentException("shares must be in [0, 1)");
		}
	}

	public static GeneratorSpec of(int persons, int apps, int pages, long seed) {
		return new GeneratorSpec(persons, apps, pages, seed, DEFAULT_BAD_ROWS_SHARE, DEFAULT_REVIEW_SHARE);
	}

	/** Whether one app (the last) and its Pages are under review. */
	public boolean hasReviewScopes() {
		return reviewShare > 0 && apps >= 2;
	}
}
