package com.crosswalk.emulator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the emulator has been asked, for tests and the benchmark. A call is one plain request, one batch item or one
 * ID of a {@code ?ids=} read; it is filed under the scope of its token (app ID for app tokens, Page ID for Page
 * tokens, {@value #UNKNOWN_SCOPE} when the token is missing or unknown) and its {@link CallOutcome}. HTTP requests
 * (admin requests excluded) and injected faults are counted apart. Each scope also keeps the times of its most recent
 * calls (bounded) so a test can check that nothing reached a scope between two instants. Thread-safe.
 */
public final class EmulatorCounters {

	/** Scope of calls whose token could not be resolved. */
	public static final String UNKNOWN_SCOPE = "unknown";

	private final int callLogCapacity;

	private final LongAdder httpRequests = new LongAdder();

	private final Map<String, ScopeCounters> scopes = new ConcurrentHashMap<>();

	private final Map<FaultKind, LongAdder> faults = new ConcurrentHashMap<>();

	/** Requests (plain calls and batch items, faults included) by the node ID of their path. */
	private final Map<String, LongAdder> byNode = new ConcurrentHashMap<>();

	EmulatorCounters(int callLogCapacity) {
		this.callLogCapacity = callLogCapacity;
	}

	/**
	 * A consistent-enough copy of the counters (each number is exact; numbers taken while calls are in flight may
	 * be a few calls apart).
	 */
	public record Snapshot(long httpRequests, long calls, Map<CallOutcome, Long> byOutcome,
			Map<String, Map<CallOutcome, Long>> byScope, Map<FaultKind, Long> faults) {

		public long calls(CallOutcome outcome) {
			return byOutcome.getOrDefault(outcome, 0L);
		}

		public long calls(String scope) {
			return byScope.getOrDefault(scope, Map.of()).values().stream().mapToLong(Long::longValue).sum();
		}

		public long calls(String scope, CallOutcome outcome) {
			return byScope.getOrDefault(scope, Map.of()).getOrDefault(outcome, 0L);
		}

		public long faults(FaultKind kind) {
			return faults.getOrDefault(kind, 0L);
		}
	}

	public Snapshot snapshot() {
		Map<CallOutcome, Long> byOutcome = new EnumMap<>(CallOutcome.class);
		Map<String, Map<CallOutcome, Long>> byScope = new TreeMap<>();
		long total = 0;
		for (Map.Entry<String, ScopeCounters> scope : scopes.entrySet()) {
			Map<CallOutcome, Long> counts = new EnumMap<>(CallOutcome.class);
			for (CallOutcome outcome : CallOutcome.values()) {
				long count = scope.getValue().byOutcome[outcome.ordinal()].sum();
				if (count > 0) {
					counts.put(outcome, count);
					byOutcome.merge(outcome, count, Long::sum);
					total += count;
				}
			}
			byScope.put(scope.getKey(), Collections.unmodifiableMap(counts));
		}
		Map<FaultKind, Long> faultCounts = new EnumMap<>(FaultKind.class);
		faults.forEach((kind, count) -> faultCounts.put(kind, count.sum()));
		return new Snapshot(httpRequests.sum(), total, Collections.unmodifiableMap(byOutcome),
				Collections.unmodifiableMap(byScope), Collections.unmodifiableMap(faultCounts));
	}

	public long httpRequests() {
		return httpRequests.sum();
	}

	public long calls() {
		return snapshot().calls();
	}

	public long calls(CallOutcome outcome) {
		return scopes.values().stream().mapToLong(s -> s.byOutcome[outcome.ordinal()].sum()).sum();
	}

	public long calls(String scope) {
		ScopeCounters counters = scopes.get(scope);
		if (counters == null) {
			return 0;
		}
		long total = 0;
		for (LongAdder adder : counters.byOutcome) {
			total += adder.sum();
		}
		return total;
	}

	public long calls(String scope, CallOutcome outcome) {
		ScopeCounters counters = scopes.get(scope);
		return counters == null ? 0 : counters.byOutcome[outcome.ordinal()].sum();
	}

	public long faults(FaultKind kind) {
		LongAdder count = faults.get(kind);
		return count == null ? 0 : count.sum();
	}

	/**
	 * How many times a request for this node (a scoped ID, app or Page) reached the emulator: plain calls and batch
	 * items, including those answered with an injected fault or lost to one.
	 */
	public long requestsFor(String nodeId) {
		LongAdder count = byNode.get(nodeId);
		return count == null ? 0 : count.sum();
	}

	/** Times of the scope's most recent calls (at most the configured capacity), oldest first. */
	public List<Instant> callTimes(String scope) {
		ScopeCounters counters = scopes.get(scope);
		return counters == null ? List.of() : counters.log.times();
	}

	/**
	 * Whether the scope received a call at an instant in [from, to]. Only as far back as the call log reaches;
	 * {@link #callLogCovers(String, Instant)} tells whether it reaches {@code from}.
	 */
	public boolean calledBetween(String scope, Instant from, Instant to) {
		return callTimes(scope).stream().anyMatch(t -> !t.isBefore(from) && !t.isAfter(to));
	}

	/** Whether the call log of the scope still holds every call made since {@code from}. */
	public boolean callLogCovers(String scope, Instant from) {
		ScopeCounters counters = scopes.get(scope);
		return counters == null || counters.log.covers(from.toEpochMilli());
	}

	/** Clears every count and call log. */
	public void reset() {
		httpRequests.reset();
		scopes.clear();
		faults.clear();
		byNode.clear();
	}

	void recordHttpRequest() {
		httpRequests.increment();
	}

	/**
	 * The time of the scope's first call that read a scoped ID (an ID Matching lookup, not a token or asset check),
	 * if it had one: where a job's lookup of the scope began.
	 */
	public Optional<Instant> firstIdRead(String scope) {
		ScopeCounters counters = scopes.get(scope);
		long first = counters == null ? Long.MAX_VALUE : counters.firstIdRead.get();
		return first == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(first));
	}

	void recordIdRead(String scope, long epochMillis) {
		scopes.computeIfAbsent(scope, s -> new ScopeCounters(callLogCapacity)).firstIdRead
			.accumulateAndGet(epochMillis, Math::min);
	}

	void recordCall(String scope, CallOutcome outcome, long epochMillis) {
		ScopeCounters counters = scopes.computeIfAbsent(scope, s -> new ScopeCounters(callLogCapacity));
		counters.byOutcome[outcome.ordinal()].increment();
		counters.log.add(epochMillis);
	}

	void recordNodeRequest(String nodeId) {
		byNode.computeIfAbsent(nodeId, n -> new LongAdder()).increment();
	}

	void recordFault(FaultKind kind) {
		faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
	}

	private static final class ScopeCounters {

		private final LongAdder[] byOutcome = new LongAdder[CallOutcome.values().length];

		private final CallLog log;

		private final AtomicLong firstIdRead = new AtomicLong(Long.MAX_VALUE);

		ScopeCounters(int capacity) {
			for (int i = 0; i < byOutcome.length; i++) {
				byOutcome[i] = new LongAdder();
			}
			this.log = new CallLog(capacity);
		}
	}

	/** Ring buffer of call times in epoch milliseconds. */
	private static final class CallLog {

		private final long[] times;

		private long written;

		CallLog(int capacity) {
			this.times = new long[capacity];
		}

		synchronized void add(long epochMillis) {
			times[(int) (written % times.length)] = epochMillis;
			written++;
		}

		synchronized List<Instant> times() {
			int size = (int) Math.min(written, times.length);
			List<Instant> result = new ArrayList<>(size);
			for (long i = written - size; i < written; i++) {
				result.add(Instant.ofEpochMilli(times[(int) (i % times.length)]));
			}
			return result;
		}

		synchronized boolean covers(long fromMillis) {
			if (written <= times.length) {
				return true;
			}
			long oldest = times[(int) (written % times.length)];
			return oldest < fromMillis;
		}
	}
}
