package com.crosswalk.lookup;

/** Where a staged ID stands in the current run. Every staged ID ends in exactly one terminal status. */
public enum StagingStatus {
	/** Imported, not yet planned. */
	NEW,
	/** Planned for a Graph lookup. */
	PENDING,
	/** Verified by an earlier run within the re-verify age: no call needed. */
	FRESH,
	/** Named by the answer for another ID of this run: no call needed. */
	COVERED,
	/** Looked up: in the identity table. */
	RESOLVED,
	/** Refused as pending app review (now or still, from an earlier run). */
	BLOCKED,
	/** The token of its scope is invalid or expired. */
	FAILED_AUTH,
	/** Its scope lacks a permission (10, a #200 that is not the review, other 2xx). */
	DENIED,
	/** The Graph API refused the ID for good (unknown or not scoped to the token). */
	REJECTED,
	/** Transient failures or throttling outlasted their bounds; the next run tries again. */
	UNAVAILABLE,
	/** Deleted by a privacy request ({@code forget}); never looked up again. */
	FORGOTTEN
}
