package com.crosswalk.graph;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crosswalk.id.ScopedId;

/**
 * What one ID lookup came to. Exactly one outcome per input ID; the job files each kind in its own table.
 */
public sealed interface LookupOutcome {

	ScopedId input();

	/**
	 * The Graph API answered. {@code linked} holds every ID of the same person that the answer named (ASIDs from
	 * {@code ids_for_apps}, PSIDs from {@code ids_for_pages}, all edge pages followed); it may include the input.
	 * {@code profile} holds the profile fields asked for (may be empty). {@code callRef} identifies the HTTP call
	 * (e.g. "batch-17#3") for the links table's provenance.
	 */
	record Resolved(ScopedId input, List<ScopedId> linked, Map<String, String> profile, String callRef,
			Instant at) implements LookupOutcome {
	}

	/** The scope's business is under review for ID Matching (#200 with the review's wording on the ID edges). */
	record Blocked(ScopedId input, int code, String message, Instant at, Instant retryAfter)
			implements LookupOutcome {
	}

	/** The token for this ID's scope is invalid or expired (190, 102); its circuit is open. */
	record FailedAuth(ScopedId input, int code, Integer subcode, String message, Instant at)
			implements LookupOutcome {
	}

	/**
	 * The scope lacks a permission (10, a #200 that is not the ID Matching review, other 2xx): the answer would be the
	 * same for each of its IDs, so the scope got one call and its IDs are reported apart from the review.
	 */
	record PermissionDenied(ScopedId input, int code, Integer subcode, String message, Instant at)
			implements LookupOutcome {
	}

	/** A permanent per-ID answer: unknown or unscoped ID (100, 803). */
	record Rejected(ScopedId input, int code, Integer subcode, String message, Instant at)
			implements LookupOutcome {
	}

	/**
	 * Nothing definite: transient failures outlived their retry bound, or the scope stayed throttled past the
	 * client's wait bound. Retryable: the job leaves the ID pending for the next run or restart.
	 */
	record Unavailable(ScopedId input, String reason, Instant at) implements LookupOutcome {
	}
}
