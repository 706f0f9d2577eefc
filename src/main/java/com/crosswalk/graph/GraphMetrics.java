package com.crosswalk.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of what one {@link GraphClient} has done so far.
 *
 * @param httpRequests HTTP requests sent, retries included
 * @param batchRequests of those, Graph batch requests
 * @param batchItems operations sent inside batch requests
 * @param maxItemsPerBatch the largest batch sent
 * @param graphCalls calls as Graph counts them against rate limits: one per batch item, one per plain request
 * @param retries calls repeated after a transient fault (whole requests and single batch items)
 * @param transientFaults transient faults seen: timeouts, resets, 5xx, unreadable bodies, null items, codes 1/2/341
 * @param throttleWaits times a lookup waited for a paused or budget-limited scope
 * @param throttleWaitTime total time spent in those waits
 * @param throttledAnswers answers with a rate-limit code
 * @param blockedScopes scopes found pending ID Matching review
 * @param failedAuthScopes scopes whose token or proof was rejected
 * @param permissionDeniedScopes scopes refused for a missing permission (10, a #200 that is not the review, 2xx)
 * @param policyBlockedScopes scopes Graph blocked temporarily for policy (#368)
 * @param edgeItemsWithoutOwner edge items answered without an ID or without their app or Page, so not filed
 * @param profileRetries reads sent again without profile fields after Graph refused those fields
 * @param callsPerMinute {@code graphCalls} by the minute (UTC, truncated) they were sent in; minutes without a call
 * are absent
 */
public record GraphMetrics(long httpRequests, long batchRequests, long batchItems, int maxItemsPerBatch,
		long graphCalls, long retries, long transientFaults, long throttleWaits, Duration throttleWaitTime,
		long throttledAnswers, int blockedScopes, int failedAuthScopes, int permissionDeniedScopes,
		int policyBlockedScopes, long edgeItemsWithoutOwner, long profileRetries,
		SortedMap<Instant, Long> callsPerMinute) {

	public GraphMetrics {
		callsPerMinute = Collections.unmodifiableSortedMap(new TreeMap<>(callsPerMinute));
	}

	public double averageItemsPerBatch() {
		return (batchRequests == 0) ? 0.0 : (double) batchItems / batchRequests;
	}
}
