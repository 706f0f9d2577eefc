package com.crosswalk.graph;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.core.IntervalFunction;

import com.crosswalk.id.Scope;
import com.crosswalk.id.ScopedId;

/**
 * One {@link GraphClient#lookup} call: admits each person's next read through its scope, packs the admitted reads
 * into batches, sends them concurrently, and hands every answer to the {@link AnswerPolicy}, carrying out its moves,
 * until each input has exactly one outcome. All waiting (budgets, pauses, backoff) happens here, on the caller's
 * thread.
 */
final class LookupRun implements AnswerPolicy.Moves {

	/** Longest single wait for another call's probe before looking at the queues again. */
	private static final Duration PROBE_POLL = Duration.ofSeconds(1);

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

	private final AnswerPolicy answers;

	private final Map<Scope, List<IdLookup>> queues = new LinkedHashMap<>();

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
		this.answers = new AnswerPolicy(config, requests, scopes, metrics, mask, this);
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
		for (int i = 0; i < ids.size(); i++) {
			ScopedId id = ids.get(i);
			Scope scope = Scope.of(id);
			if (scopes.credentials(scope).isEmpty()) {
				outcomes[i] = new LookupOutcome.FailedAuth(id, 0, null,
						"no usable credentials for " + scope + " in the business credentials", clock.instant());
				continue;
			}
			enqueue(new IdLookup(i, id, !config.profileFields(id.type()).isEmpty()));
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
		List<IdLookup> ready = new ArrayList<>();
		long wakeAt = Long.MAX_VALUE;
		boolean scopeWait = false;
		ScopeState probeOut = null;
		for (Iterator<Map.Entry<Scope, List<IdLookup>>> it = queues.entrySet().iterator(); it.hasNext();) {
			Map.Entry<Scope, List<IdLookup>> entry = it.next();
			List<IdLookup> queue = entry.getValue();
			ScopeState state = scopes.state(entry.getKey());
			ScopeStatus closed = state.closedStatus();
			if (closed != null) {
				queue.forEach(person -> finishClosed(person, closed));
				it.remove();
				continue;
			}
			List<IdLookup> eligible = new ArrayList<>();
			IdLookup probeRetry = queue.stream().filter(person -> person.retriesProbe).findFirst().orElse(null);
			for (IdLookup person : (probeRetry != null) ? List.of(probeRetry) : queue) {
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
				for (IdLookup person : eligible.subList(0, granted.permits())) {
					person.probe = granted.probe();
					person.retriesProbe = false;
					person.grantedAt = granted.atMillis();
					queue.remove(person);
					ready.add(person);
				}
			}
			else if (admission instanceof ScopeState.Wait wait) {
				if (wait.reason() == ScopeState.WaitReason.PROBE && probeRetry == null) {
					probeOut = state;
				}
				else if (wait.reason() == ScopeState.WaitReason.PROBE) {
					// another thread's probe went out meanwhile: this one waits for its answer like the rest
					probeRetry.retriesProbe = false;
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
	private boolean holdOrGiveUp(List<IdLookup> eligible, List<IdLookup> queue, ScopeState.Wait wait, long now) {
		boolean anyWaiting = false;
		long limit = config.maxThrottleWait().toMillis();
		for (IdLookup person : eligible) {
			boolean paused = wait.reason() != ScopeState.WaitReason.BUDGET;
			if (paused && person.pausedSince < 0) {
				person.pausedSince = now;
			}
			long waitingFrom = paused ? person.pausedSince : now;
			if (wait.untilMillis() - waitingFrom > limit) {
				queue.remove(person);
				String why = switch (wait.reason()) {
					case POLICY_BLOCK -> " is temporarily blocked by Graph for policy (#368)";
					case PAUSED -> " is throttled";
					default -> " has used its call budget";
				};
				finishUnavailable(person, person.scope + why + " until " + Instant.ofEpochMilli(wait.untilMillis())
						+ ", beyond the wait bound of " + config.maxThrottleWait());
			}
			else {
				anyWaiting = true;
			}
		}
		return anyWaiting;
	}

	/**
	 * Batches never mix apps: an app's ASIDs and the PSIDs of the Pages it manages go together, under a top-level
	 * token of that app. Whether Graph accepts items of several apps in one batch is undocumented, and SDK users
	 * report "top level app id is invalid" failures when they are mixed.
	 */
	private void dispatch(List<IdLookup> ready) throws InterruptedException {
		Map<String, List<IdLookup>> byApp = new LinkedHashMap<>();
		for (IdLookup person : ready) {
			String app = scopes.appOf(person.scope).orElse("page " + person.scope.id());
			byApp.computeIfAbsent(app, key -> new ArrayList<>()).add(person);
		}
		List<List<IdLookup>> batches = new ArrayList<>();
		byApp.values().forEach(persons -> batches.addAll(pack(persons, config.batchSize())));
		List<Future<SentBatch>> futures = new ArrayList<>();
		for (List<IdLookup> batch : batches) {
			futures.add(executor.submit(() -> send(batch)));
		}
		try {
			for (int i = 0; i < futures.size(); i++) {
				SentBatch sent;
				try {
					sent = futures.get(i).get();
				}
				catch (ExecutionException ex) {
					sent = new SentBatch(0, batches.get(i), batches.get(i).get(0).scope, null,
							mask.mask(String.valueOf(ex.getCause())));
				}
				answers.file(sent);
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

	/**
	 * Runs on a pool thread; one attempt. A failed request is not sent again here: its persons go back to their
	 * queues and spend one attempt of their own budget each, so transport and item retries share one bound.
	 */
	private SentBatch send(List<IdLookup> batch) throws InterruptedException {
		long batchNumber = batchNumbers.incrementAndGet();
		Scope topScope = topLevelScope(batch);
		Instant now = clock.instant();
		List<String> relativeUrls = new ArrayList<>(batch.size());
		for (IdLookup person : batch) {
			relativeUrls.add(requests.relativeUrl(person.id.id(), fieldsOf(person), credentials(person.scope), now));
		}
		metrics.batchSent(batch.size());
		try {
			RawExchange exchange = transport.exchange(requests.batch(relativeUrls, credentials(topScope), now));
			return new SentBatch(batchNumber, batch, topScope, exchange, null);
		}
		catch (IOException ex) {
			return new SentBatch(batchNumber, batch, topScope, null, mask.mask(ex.getMessage()));
		}
	}

	/**
	 * The app's own token at the top level of its batch, so that the request's own usage headers and errors are the
	 * app's; the first item's token when the app's credentials are closed (rejected, say) or not configured.
	 */
	private Scope topLevelScope(List<IdLookup> batch) {
		Scope first = batch.get(0).scope;
		return scopes.appOf(first)
			.map(Scope::app)
			.filter(app -> scopes.credentials(app).isPresent() && scopes.state(app).closedStatus() == null)
			.orElse(first);
	}

	private String fieldsOf(IdLookup person) {
		if (person.fields != null) {
			return person.fields;
		}
		boolean withProfile = person.withProfile && !scopes.state(person.scope).profileRefused();
		return requests.initialFields(person.id.type(), withProfile);
	}

	@Override
	public void requeue(IdLookup person) {
		releaseProbe(person);
		enqueue(person);
	}

	/** Backs off with jitter and goes again, within the person's budget. */
	@Override
	public void retry(IdLookup person, String reason) {
		metrics.transientFault();
		again(person, reason);
	}

	@Override
	public void retryAll(List<IdLookup> batch, String reason) {
		metrics.transientFault();
		batch.forEach(person -> again(person, reason));
	}

	/**
	 * Spends one attempt of the person's budget ({@code maxAttempts} sends in the run, however they failed) and
	 * queues it again after a jittered backoff. A failed probe keeps its place as the scope's probe; when it runs out
	 * of attempts its scope's queued IDs give up with it, rather than each probing again with a budget of its own.
	 */
	private void again(IdLookup person, String reason) {
		person.attempts++;
		if (person.attempts >= config.maxAttempts()) {
			boolean probe = person.probe || person.retriesProbe;
			person.retriesProbe = false;
			releaseProbe(person);
			String why = reason + " (" + person.attempts + " attempts)";
			finishUnavailable(person, why);
			if (probe) {
				List<IdLookup> queued = queues.remove(person.scope);
				if (queued != null) {
					queued.forEach(other -> finishUnavailable(other, why));
				}
			}
			return;
		}
		metrics.retry();
		if (person.probe) {
			person.retriesProbe = true;
		}
		releaseProbe(person);
		person.notBefore = clock.millis() + backoff.apply(person.attempts);
		enqueue(person);
	}

	@Override
	public void releaseProbe(IdLookup person) {
		if (person.probe) {
			scopes.state(person.scope).probeAnswered(false);
			person.probe = false;
		}
	}

	private void finishClosed(IdLookup person, ScopeStatus status) {
		finish(person, answers.outcomeInClosedScope(person, status));
	}

	private void finishUnavailable(IdLookup person, String reason) {
		finish(person, new LookupOutcome.Unavailable(person.id, reason, clock.instant()));
	}

	@Override
	public void finish(IdLookup person, LookupOutcome outcome) {
		outcomes[person.index] = outcome;
	}

	private void enqueue(IdLookup person) {
		queues.computeIfAbsent(person.scope, key -> new ArrayList<>()).add(person);
	}

	private ScopeCredentials credentials(Scope scope) {
		return scopes.credentials(scope).orElseThrow();
	}
}
