package com.crosswalk.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link GraphMetrics}; updated from every thread that uses the client. */
final class MetricsRecorder {

	private final Clock clock;

	/** Graph calls by the epoch minute they were sent in: the run report charts them against the budget. */
	private final ConcurrentSkipListMap<Long, LongAdder> callsByMinute = new ConcurrentSkipListMap<>();

	private final LongAdder httpRequests = new LongAdder();

	private final LongAdder batchRequests = new LongAdder();

	private final LongAdder batchItems = new LongAdder();

	private final AtomicInteger maxItemsPerBatch = new AtomicInteger();

	private final LongAdder graphCalls = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private final LongAdder transientFaults = new LongAdder();

	private final LongAdder throttleWaits = new LongAdder();

	private final LongAdder throttleWaitMillis = new LongAdder();

	private final LongAdder throttledAnswers = new LongAdder();

	private final AtomicInteger blockedScopes = new AtomicInteger();

	private final AtomicInteger failedAuthScopes = new AtomicInteger();

	private final AtomicInteger permissionDeniedScopes = new AtomicInteger();

	private final AtomicInteger policyBlockedScopes = new AtomicInteger();

	private final LongAdder edgeItemsWithoutOwner = new LongAdder();

	private final LongAdder profileRetries = new LongAdder();

	MetricsRecorder(Clock clock) {
		this.clock = clock;
	}

	void httpRequest() {
		httpRequests.increment();
	}

	void batchSent(int items) {
		batchRequests.increment();
		batchItems.add(items);
		graphCalls.add(items);
		countInMinute(items);
		maxItemsPerBatch.accumulateAndGet(items, Math::max);
	}

	void plainCall() {
		graphCalls.increment();
		countInMinute(1);
	}

	private void countInMinute(int calls) {
		long minute = Math.floorDiv(clock.millis(), 60_000L);
		callsByMinute.computeIfAbsent(minute, m -> new LongAdder()).add(calls);
	}

	void retry() {
		retries.increment();
	}

	void transientFault() {
		transientFaults.increment();
	}

	void throttleWait(Duration waited) {
		throttleWaits.increment();
		throttleWaitMillis.add(waited.toMillis());
	}

	void throttledAnswer() {
		throttledAnswers.increment();
	}

	void scopeBlocked() {
		blockedScopes.incrementAndGet();
	}

	void scopeFailedAuth() {
		failedAuthScopes.incrementAndGet();
	}

	/** A scope closed for one of the answers that hold for all its IDs. */
	void scopeClosed(ScopeStatus.State state) {
		switch (state) {
			case FAILED_AUTH -> scopeFailedAuth();
			case PERMISSION_DENIED -> permissionDeniedScopes.incrementAndGet();
			case BLOCKED -> scopeBlocked();
			default -> throw new IllegalArgumentException(state + " does not close a scope");
		}
	}

	void scopePolicyBlocked() {
		policyBlockedScopes.incrementAndGet();
	}

	void edgeItemsWithoutOwner(int items) {
		edgeItemsWithoutOwner.add(items);
	}

	void profileRetry() {
		profileRetries.increment();
	}

	GraphMetrics snapshot() {
		return new GraphMetrics(httpRequests.sum(), batchRequests.sum(), batchItems.sum(), maxItemsPerBatch.get(),
				graphCalls.sum(), retries.sum(), transientFaults.sum(), throttleWaits.sum(),
				Duration.ofMillis(throttleWaitMillis.sum()), throttledAnswers.sum(), blockedScopes.get(),
				failedAuthScopes.get(), permissionDeniedScopes.get(), policyBlockedScopes.get(),
				edgeItemsWithoutOwner.sum(), profileRetries.sum(), callsPerMinute());
	}

	private SortedMap<Instant, Long> callsPerMinute() {
		SortedMap<Instant, Long> copy = new TreeMap<>();
		callsByMinute.forEach((minute, calls) -> copy.put(Instant.ofEpochSecond(minute * 60), calls.sum()));
		return copy;
	}
}
