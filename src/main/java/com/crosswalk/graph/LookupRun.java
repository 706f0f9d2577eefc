package com.crosswalk.graph;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;

/**
 * One {@link GraphClient#lookup} call: admits each person's next read through its scope, packs the admitted reads
 * into batches, sends them concurrently, and files every answer until each input has exactly one outcome. All
 * waiting (budgets, pauses, backoff) happens here, on the caller's thread.
 */
final class LookupRun {

	private static final Logger log = LoggerFactory.getLogger(LookupRun.class);

	/** Longest single wait for another call's probe before looking at the queues again. */
	private static final Duration PROBE_POLL = Duration.ofSeconds(1);

	/** One input ID and what its reads have gathered so far. Confined to the run's thread except while in flight. */
	private static final class Person {

		final int index;

		final ScopedId id;

		final Scope scope;

		final Set<ScopedId> linked = new LinkedHashSet<>();

		String fields;

		Map<String, String> profile;

		String callRef;

		int attempts;

		long notBefore;

		long pausedSince = -1;

		boolean probe;

		/** When the scope granted the permit of this person's current call. */
		long grantedAt;

		Person(int index, ScopedId id, String fields) {
			this.index = index;
			this.id = id;
			this.scope = Scope.of(id);
			this.fields = fields;
		}
	}

	/** A sent batch and what came back: an exchange, or the transport failure that outlived its retries. */
	private record Sent(long batchNumber, List<Person> batch, RawExchange exchange, String failure) {
	}

	private final GraphClientConfig config;

	private final GraphRequests requests;

	private final GraphTransport transport;

	private final ScopeRegistry scopes;

	private final MetricsRecorder metrics;

	private final SecretMask mask;

	private final ExecutorService executor;

	private final AtomicLong batchNumbers;

	private final IntervalFunction backoff;

	private final Clock clock;

	private final Map<Scope, List<Person>> queues = new LinkedHashMap<>();

	private LookupOutcome[] outcomes;

	LookupRun(GraphClientConfig config, GraphRequests requests, GraphTransport transport, ScopeRegistry scopes,
			MetricsRecorder metrics, SecretMask mask, ExecutorService executor, AtomicLong batchNumbers) {
		this.config = config;
		this.requests = requests;
		this.transport = transport;
		this.scopes = scopes;
		this.metrics = metrics;
		this.mask = mask;
		this.executor = executor;
		this.batchNumbers = batchNumbers;
		this.backoff = GraphTransport.fullJitter(config);
		this.clock = config.clock();
	}

	/** Splits in order into batches of at most {@code size}. */
	static <T> List<List<T>> pack(List<T> items, int size) {
		List<List<T>> batches = new ArrayList<>();
		for (int from = 0; from < items.size(); from += size) {
			batches.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
		}
		return batches;
	}

	List<LookupOutcome> run(List<ScopedId> ids) {
		outcomes = new LookupOutcome[ids.size()];
		String initialFields = requests.initialFields();
		for (int i = 0; i < ids.size(); i++) {
			ScopedId id = ids.get(i);
			Scope scope = Scope.of(id);
			if (scopes.credentials(scope).isEmpty()) {
				outcomes[i] = new LookupOutcome.FailedAuth(id, 0, null,
						"no usable credentials for " + scope + " in the business credentials", clock.instant());
				continue;
			}
			enqueue(new Person(i, id, initialFields));
		}
		try {
			while (!queues.isEmpty()) {
				step();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			queues.values().forEach(queue -> queue.forEach(person -> finishUnavailable(person, "interrupted")));
			queues.clear();
		}
		return List.of(outcomes);
	}

	/** Admits what each scope allows now and sends it; if nothing can go, waits for the earliest change. */
	private void step() throws InterruptedException {
		long now = clock.millis();
		List<Person> ready = new ArrayList<>();
		long wakeAt = Long.MAX_VALUE;
		boolean scopeWait = false;
		ScopeState probeOut = null;
		for (Iterator<Map.Entry<Scope, List<Person>>> it = queues.entrySet().iterator(); it.hasNext();) {
			Map.Entry<Scope, List<Person>> entry = it.next();
			List<Person> queue = entry.getValue();
			ScopeState state = scopes.state(entry.getKey());
			ScopeStatus closed = state.closedStatus();
			if (closed != null) {
				queue.forEach(person -> finishClosed(person, closed));
				it.remove();
				continue;
			}
			List<Person> eligible = new ArrayList<>();
			for (Person person : queue) {
				if (person.notBefore <= now) {
					eligible.add(person);
				}
				else {
					wakeAt = Math.min(wakeAt, person.notBefore);
				}
			}
			if (eligible.isEmpty()) {
				continue;
			}
			ScopeState.Admission admission = state.admit(eligible.size(), now);
			if (admission instanceof ScopeState.Granted granted) {
				for (Person person : eligible.subList(0, granted.permits())) {
					person.probe = granted.probe();
					person.grantedAt = granted.atMillis();
					queue.remove(person);
					ready.add(person);
				}
			}
			else if (admission instanceof ScopeState.Wait wait) {
				if (wait.reason() == ScopeState.WaitReason.PROBE) {
					probeOut = state;
				}
				else if (holdOrGiveUp(eligible, queue, wait, now)) {
					wakeAt = Math.min(wakeAt, wait.untilMillis());
					scopeWait = true;
				}
			}
			else if (admission instanceof ScopeState.Closed shut) {
				queue.forEach(person -> finishClosed(person, shut.status()));
				queue.clear();
			}
			if (queue.isEmpty()) {
				it.remove();
			}
		}
		if (!ready.isEmpty()) {
			dispatch(ready);
			return;
		}
		if (queues.isEmpty()) {
			return;
		}
		if (probeOut != null) {
			long until = (wakeAt == Long.MAX_VALUE) ? PROBE_POLL.toMillis() : Math.max(1, wakeAt - now);
			probeOut.awaitProbe(Duration.ofMillis(Math.min(until, PROBE_POLL.toMillis())));
			return;
		}
		Duration wait = Duration.ofMillis(Math.max(1, (wakeAt == Long.MAX_VALUE) ? 1 : wakeAt - now));
		config.sleeper().sleep(wait);
		if (scopeWait) {
			metrics.throttleWait(wait);
		}
	}

	/**
	 * A pause counts against each person's {@code maxThrottleWait} from the first time it met one, so a scope that
	 * keeps being throttled ends in Unavailable; a budget wait only fails when that single wait is too long. Returns
	 * whether anyone is left waiting.
	 */
	private boolean holdOrGiveUp(List<Person> eligible, List<Person> queue, ScopeState.Wait wait, long now) {
		boolean anyWaiting = false;
		long limit = config.maxThrottleWait().toMillis();
		for (Person person : eligible) {
			boolean paused = wait.reason() == ScopeState.WaitReason.PAUSED;
			if (paused && person.pausedSince < 0) {
				person.pausedSince = now;
			}
			long waitingFrom = paused ? person.pausedSince : now;
			if (wait.untilMillis() - waitingFrom > limit) {
				queue.remove(person);
				finishUnavailable(person, person.scope + (paused ? " is throttled" : " has used its call budget")
						+ " until " + Instant.ofEpochMilli(wait.untilMillis()) + ", beyond the wait bound of "
						+ config.maxThrottleWait());
			}
			else {
				anyWaiting = true;
			}
		}
		return anyWaiting;
	}

	private void dispatch(List<Person> ready) throws InterruptedException {
		List<List<Person>> batches = pack(ready, config.batchSize());
		List<Future<Sent>> futures = new ArrayList<>();
		for (List<Person> batch : batches) {
			futures.add(executor.submit(() -> send(batch)));
		}
		try {
			for (int i = 0; i < futures.size(); i++) {
				Sent sent;
				try {
					sent = futures.get(i).get();
				}
				catch (ExecutionException ex) {
					sent = new Sent(0, batches.get(i), null, mask.mask(String.valueOf(ex.getCause())));
				}
				file(sent);
			}
		}
		catch (InterruptedException ex) {
			futures.forEach(future -> future.cancel(true));
			// The persons in flight are lost to the queues; answer them so that every input keeps one outcome.
			batches.forEach(batch -> batch.stream()
				.filter(person -> outcomes[person.index] == null)
				.forEach(person -> finishUnavailable(person, "interrupted")));
			throw ex;
		}
	}

	/** Runs on a pool thread. Every attempt builds the batch anew, so time-stamped proofs are always fresh. */
	private Sent send(List<Person> batch) throws InterruptedException {
		long batchNumber = batchNumbers.incrementAndGet();
		ScopeCredentials topLevel = credentials(batch.get(0).scope);
		try {
			RawExchange exchange = transport.exchangeWithRetry(() -> {
				Instant now = clock.instant();
				List<String> relativeUrls = new ArrayList<>(batch.size());
				for (Person person : batch) {
					relativeUrls.add(requests.relativeUrl(person.id.id(), person.fields, credentials(person.scope),
							now));
				}
				metrics.batchSent(batch.size());
				return requests.batch(relativeUrls, topLevel, now);
			});
			return new Sent(batchNumber, batch, exchange, null);
		}
		catch (IOException ex) {
			return new Sent(batchNumber, batch, null, mask.mask(ex.getMessage()));
		}
	}

	private void file(Sent sent) {
		List<Person> batch = sent.batch();
		reportAnswered(batch);
		if (sent.failure() != null) {
			log.warn("Graph batch-{} failed after retries: {}", sent.batchNumber(), sent.failure());
			giveUpBatch(batch, "transport failure after retries: " + sent.failure());
			return;
		}
		RawExchange exchange = sent.exchange();
		Person first = batch.get(0);
		Optional<Usage> topUsage = Usage.fromHeaders(exchange.headers());
		topUsage.ifPresent(usage -> scopes.state(first.scope).usage(usage, clock.millis()));
		BatchAnswer answer = BatchAnswer.parse(exchange, batch.size());
		if (answer instanceof BatchAnswer.Items items) {
			for (int i = 0; i < batch.size(); i++) {
				fileItem(batch.get(i), items.items().get(i), "batch-" + sent.batchNumber() + "#" + i);
			}
		}
		else if (GraphTransport.isTransient(exchange)) {
			// The transport's retries are spent: waiting longer is the job's decision, not this run's.
			String reason = (answer instanceof BatchAnswer.RequestError error) ? mask.mask(error.error().describe())
					: ((BatchAnswer.Unreadable) answer).reason();
			log.warn("Graph batch-{} failed after retries: {}", sent.batchNumber(), reason);
			giveUpBatch(batch, "transient fault after retries: " + reason);
		}
		else if (answer instanceof BatchAnswer.RequestError error) {
			// The whole request failed on its top-level token, which is the first item's: that is its answer.
			fileError(first, error.error(), topUsage, "batch-" + sent.batchNumber());
			batch.subList(1, batch.size()).forEach(person -> {
				releaseProbe(person);
				enqueue(person);
			});
		}
		else {
			String reason = ((BatchAnswer.Unreadable) answer).reason();
			batch.forEach(person -> retryLater(person, reason));
		}
	}

	/** Tells each scope its calls in the batch are answered, so its call log ages them from now. */
	private void reportAnswered(List<Person> batch) {
		long now = clock.millis();
		Map<Scope, Map<Long, Integer>> calls = new HashMap<>();
		for (Person person : batch) {
			calls.computeIfAbsent(person.scope, s -> new HashMap<>()).merge(person.grantedAt, 1, Integer::sum);
		}
		calls.forEach((scope, byGrant) -> {
			ScopeState state = scopes.state(scope);
			byGrant.forEach((grantedAt, count) -> state.answered(grantedAt, count, now));
		});
	}

	private void fileItem(Person person, BatchAnswer.Item item, String callRef) {
		if (item == null) {
			retryLater(person, "Graph left the batch item unfinished (null)");
			return;
		}
		Optional<Usage> usage = Usage.fromHeaders(item.headers());
		usage.ifPresent(reported -> scopes.state(person.scope).usage(reported, clock.millis()));
		Optional<JsonNode> body = GraphJson.parse(item.body());
		if (body.isEmpty() || !body.get().isObject()) {
			retryLater(person, "batch item HTTP " + item.status() + " with a body that is not a JSON object");
			return;
		}
		Optional<GraphError> error = GraphError.fromBody(body.get());
		if (error.isPresent()) {
			fileError(person, error.get(), usage, callRef);
		}
		else if (item.status() >= 500) {
			retryLater(person, "batch item HTTP " + item.status() + " without a Graph error");
		}
		else {
			fileSuccess(person, body.get(), callRef);
		}
	}

	private void fileSuccess(Person person, JsonNode body, String callRef) {
		ScopeState state = scopes.state(person.scope);
		state.succeeded();
		if (person.probe) {
			state.probeAnswered(true);
			person.probe = false;
		}
		UserNodeAnswer answer = UserNodeAnswer.parse(body, config.profileFields(), config.targetApps(),
				config.targetPages());
		person.linked.addAll(answer.linked());
		if (person.profile == null) {
			person.profile = answer.profile();
		}
		if (person.callRef == null) {
			person.callRef = callRef;
		}
		if (answer.hasMore()) {
			// Cursors live only in this run: they are opaque and Graph invalidates them.
			person.fields = requests.continuationFields(answer.appsAfter(), answer.pagesAfter());
			person.attempts = 0;
			person.notBefore = 0;
			enqueue(person);
			return;
		}
		finish(person, new LookupOutcome.Resolved(person.id, List.copyOf(person.linked), person.profile,
				person.callRef, clock.instant()));
	}

	private void fileError(Person person, GraphError error, Optional<Usage> usage, String callRef) {
		ErrorKind kind = error.kind();
		String message = mask.mask(error.describe());
		// Throttles and transient faults are retried and counted in the metrics; final answers are warnings.
		boolean retried = kind == ErrorKind.THROTTLED || kind == ErrorKind.TRANSIENT;
		log.atLevel(retried ? Level.INFO : Level.WARN)
			.log("Graph {} answer for {} ({}) in {}: {} fbtrace_id={}", kind, person.scope, person.id.id(), callRef,
					message, error.fbtraceId());
		ScopeState state = scopes.state(person.scope);
		Instant at = clock.instant();
		switch (kind) {
			case TRANSIENT -> retryLater(person, message);
			case THROTTLED -> {
				metrics.throttledAnswer();
				releaseProbe(person);
				state.throttled(usage.map(Usage::regainAccess).orElse(null), clock.millis());
				enqueue(person);
			}
			case REVIEW_PENDING -> {
				if (state.block(error, at)) {
					metrics.scopeBlocked();
					log.warn("{} is pending ID Matching review: no more calls for it from this client", person.scope);
				}
				ScopeStatus status = state.closedStatus();
				Instant retryAfter = (status != null && status.until() != null) ? status.until()
						: at.plus(config.reviewRetryAfter());
				finish(person, new LookupOutcome.Blocked(person.id, error.code(), mask.mask(error.message()), at,
						retryAfter));
			}
			case AUTH -> {
				if (state.failAuth(error.code(), message)) {
					metrics.scopeFailedAuth();
					log.warn("Credentials of {} rejected: no more calls with them from this client", person.scope);
				}
				finish(person, new LookupOutcome.FailedAuth(person.id, error.code(), error.subcode(), message, at));
			}
			case PERMANENT -> {
				releaseProbe(person);
				finish(person, new LookupOutcome.Rejected(person.id, error.code(), error.subcode(), message, at));
			}
		}
	}

	/** A transient fault on this person's read alone: back off with jitter and go again, up to maxAttempts. */
	private void retryLater(Person person, String reason) {
		metrics.transientFault();
		releaseProbe(person);
		person.attempts++;
		if (person.attempts >= config.maxAttempts()) {
			finishUnavailable(person, reason + " (" + person.attempts + " attempts)");
			return;
		}
		metrics.retry();
		person.notBefore = clock.millis() + backoff.apply(person.attempts);
		enqueue(person);
	}

	/**
	 * The transport's retries are spent. A scope whose probe was in the batch would otherwise probe again with each
	 * of its queued IDs, one exhausted retry cycle apiece, so its remaining IDs give up too.
	 */
	private void giveUpBatch(List<Person> batch, String reason) {
		Set<Scope> failedProbes = new LinkedHashSet<>();
		for (Person person : batch) {
			if (person.probe) {
				failedProbes.add(person.scope);
			}
			giveUp(person, reason);
		}
		for (Scope scope : failedProbes) {
			List<Person> queued = queues.remove(scope);
			if (queued != null) {
				queued.forEach(person -> finishUnavailable(person, reason));
			}
		}
	}

	private void giveUp(Person person, String reason) {
		metrics.transientFault();
		releaseProbe(person);
		finishUnavailable(person, reason);
	}

	private void releaseProbe(Person person) {
		if (person.probe) {
			scopes.state(person.scope).probeAnswered(false);
			person.probe = false;
		}
	}

	private void finishClosed(Person person, ScopeStatus status) {
		Instant at = clock.instant();
		int code = (status.code() != null) ? status.code() : 0;
		if (status.state() == ScopeStatus.State.BLOCKED) {
			finish(person, new LookupOutcome.Blocked(person.id, code, status.message(), at, status.until()));
		}
		else {
			finish(person, new LookupOutcome.FailedAuth(person.id, code, null, status.message(), at));
		}
	}

	private void finishUnavailable(Person person, String reason) {
		finish(person, new LookupOutcome.Unavailable(person.id, reason, clock.instant()));
	}

	private void finish(Person person, LookupOutcome outcome) {
		outcomes[person.index] = outcome;
	}

	private void enqueue(Person person) {
		queues.computeIfAbsent(person.scope, key -> new ArrayList<>()).add(person);
	}

	private ScopeCredentials credentials(Scope scope) {
		return scopes.credentials(scope).orElseThrow();
	}
}
