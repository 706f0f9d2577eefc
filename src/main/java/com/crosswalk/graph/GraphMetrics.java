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

	/**
	 * What two clients did together (a manager's and its workers'): counts add up; a scope count adds up too, so a
	 * scope two workers both found blocked counts twice.
	 */
	public GraphMetrics plus(GraphMetrics other) {
		SortedMap<Instant, Long> minutes = new TreeMap<>(callsPerMinute);
		other.callsPerMinute.forEach((minute, calls) -> minutes.merge(minute, calls, Long::sum));
		return new GraphMetrics(httpRequests + other.httpRequests, batchRequests + other.batchRequests,
				batchItems + other.batchItems, Math.max(maxItemsPerBatch, other.maxItemsPerBatch),
				graphCalls + other.graphCalls, retries + other.retries, transientFaults + other.transientFaults,
				throttleWaits + other.throttleWaits, throttleWaitTime.plus(other.throttleWaitTime),
				throttledAnswers + other.throttledAnswers, blockedScopes + other.blockedScopes,
				failedAuthScopes + other.failedAuthScopes, permissionDeniedScopes + other.permissionDeniedScopes,
				policyBlockedScopes + other.policyBlockedScopes, edgeItemsWithoutOwner + other.edgeItemsWithoutOwner,
				profileRetries + other.profileRetries, minutes);
	}

	/**
	 * What one client did since an earlier snapshot of it: a worker's share of one run. Scope counts and the largest
	 * batch are the client's own so far, not differences.
	 */
	public GraphMetrics since(GraphMetrics earlier) {
		SortedMap<Instant, Long> minutes = new TreeMap<>();
		callsPerMinute.forEach((minute, calls) -> {
			long added = calls - earlier.callsPerMinute.getOrDefault(minute, 0L);
			if (added > 0) {
				minutes.put(minute, added);
			}
		});
		return new GraphMetrics(httpRequests - earlier.httpRequests, batchRequests - earlier.batchRequests,
				batchItems - earlier.batchItems, maxItemsPerBatch, graphCalls - earlier.graphCalls,
				retries - earlier.retries, transientFaults - earlier.transientFaults,
				throttleWaits - earlier.throttleWaits, throttleWaitTime.minus(earlier.throttleWaitTime),
				throttledAnswers - earlier.throttledAnswers, blockedScopes, failedAuthScopes, permissionDeniedScopes,
				policyBlockedScopes, edgeItemsWithoutOwner - earlier.edgeItemsWithoutOwner,
				profileRetries - earlier.profileRetries, minutes);
	}

	/** A client that has made no call. */
	public static GraphMetrics none() {
		return new GraphMetrics(0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0, 0, 0, 0, 0, 0, 0, new TreeMap<>());
	}
}
