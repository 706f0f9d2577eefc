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

import com.crosswalk.id.Scope;
import com.crosswalk.id.ScopedId;

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

		/** The continuation's fields; null while the person's first read is still to be answered. */
		String fields;

		/** Whether the first read asks the profile fields: until Graph refused them for this person or its scope. */
		boolean withProfile;

		Map<String, String> profile;

		String callRef;

		/**
		 * Transient failures so far, whether the whole request or the person's own item failed: the person's one retry
		 * budget for the run.
		 */
		int attempts;

		/** Why the profile fields were left out of the first read, if Graph refused them. */
		ErrorKind profileRefusedBy;

		/** A probe that failed transiently: it goes again before any other ID of its scope is sent. */
		boolean retriesProbe;

		long notBefore;

		long pausedSince = -1;

		boolean probe;

		/** When the scope granted the permit of this person's current call. */
		long grantedAt;

		Person(int index, ScopedId id, boolean withProfile) {
			this.index = index;
			this.id = id;
			this.scope = Scope.of(id);
			this.withProfile = withProfile;
		}
	}

	/**
	 * A sent batch, the scope whose credentials were its top-level token, and what came back: an exchange, or the
	 * transport failure.
	 */
	private record Sent(long batchNumber, List<Person> batch, Scope topLevel, RawExchange exchange, String failure) {
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
		for (int i = 0; i < ids.size(); i++) {
			ScopedId id = ids.get(i);
			Scope scope = Scope.of(id);
			if (scopes.credentials(scope).isEmpty()) {
				outcomes[i] = new LookupOutcome.FailedAuth(id, 0, null,
						"no usable credentials for " + scope + " in the business credentials", clock.instant());
				continue;
			}
			enqueue(new Person(i, id, !config.profileFields(id.type()).isEmpty()));
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
			Person probeRetry = queue.stream().filter(person -> person.retriesProbe).findFirst().orElse(null);
			for (Person person : (probeRetry != null) ? List.of(probeRetry) : queue) {
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
	private boolean holdOrGiveUp(List<Person> eligible, List<Person> queue, ScopeState.Wait wait, long now) {
		boolean anyWaiting = false;
		long limit = config.maxThrottleWait().toMillis();
		for (Person person : eligible) {
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
	private void dispatch(List<Person> ready) throws InterruptedException {
		Map<String, List<Person>> byApp = new LinkedHashMap<>();
		for (Person person : ready) {
			String app = scopes.appOf(person.scope).orElse("page " + person.scope.id());
			byApp.computeIfAbsent(app, key -> new ArrayList<>()).add(person);
		}
		List<List<Person>> batches = new ArrayList<>();
		byApp.values().forEach(persons -> batches.addAll(pack(persons, config.batchSize())));
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
					sent = new Sent(0, batches.get(i), batches.get(i).get(0).scope, null,
							mask.mask(String.valueOf(ex.getCause())));
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

	/**
	 * Runs on a pool thread; one attempt. A failed request is not sent again here: its persons go back to their
	 * queues and spend one attempt of their own budget each, so transport and item retries share one bound.
	 */
	private Sent send(List<Person> batch) throws InterruptedException {
		long batchNumber = batchNumbers.incrementAndGet();
		Scope topScope = topLevelScope(batch);
		Instant now = clock.instant();
		List<String> relativeUrls = new ArrayList<>(batch.size());
		for (Person person : batch) {
			relativeUrls.add(requests.relativeUrl(person.id.id(), fieldsOf(person), credentials(person.scope), now));
		}
		metrics.batchSent(batch.size());
		try {
			RawExchange exchange = transport.exchange(requests.batch(relativeUrls, credentials(topScope), now));
			return new Sent(batchNumber, batch, topScope, exchange, null);
		}
		catch (IOException ex) {
			return new Sent(batchNumber, batch, topScope, null, mask.mask(ex.getMessage()));
		}
	}

	/**
	 * The app's own token at the top level of its batch, so that the request's own usage headers and errors are the
	 * app's; the first item's token when the app's credentials are closed (rejected, say) or not configured.
	 */
	private Scope topLevelScope(List<Person> batch) {
		Scope first = batch.get(0).scope;
		return scopes.appOf(first)
			.map(Scope::app)
			.filter(app -> scopes.credentials(app).isPresent() && scopes.state(app).closedStatus() == null)
			.orElse(first);
	}

	private String fieldsOf(Person person) {
		if (person.fields != null) {
			return person.fields;
		}
		boolean withProfile = person.withProfile && !scopes.state(person.scope).profileRefused();
		return requests.initialFields(person.id.type(), withProfile);
	}

	private void file(Sent sent) {
		List<Person> batch = sent.batch();
		reportAnswered(batch);
		if (sent.failure() != null) {
			log.info("Graph batch-{} failed: {}", sent.batchNumber(), sent.failure());
			retryBatchLater(batch, "transport failure: " + sent.failure());
			return;
		}
		RawExchange exchange = sent.exchange();
		long now = clock.millis();
		Optional<Duration> retryAfter = (exchange.status() == 429 || exchange.status() == 503)
				? RetryAfter.of(exchange.headers(), clock.instant()) : Optional.empty();
		Map<String, Usage> topUsage = Usage.readings(exchange.headers());
		scopes.state(sent.topLevel()).usage(topUsage, now);
		BatchAnswer answer = BatchAnswer.parse(exchange, batch.size());
		retryAfter.ifPresent(wait -> scopesOf(batch).forEach(scope -> scopes.state(scope).holdUntil(
				now + wait.toMillis())));
		if (exchange.status() == 429 && answer instanceof BatchAnswer.Unreadable) {
			// Too many requests: a wait for the batch's scopes, for as long as the server says; not the persons' fault
			metrics.throttledAnswer();
			log.info("Graph batch-{} answered HTTP 429 (Retry-After {}): pausing {}", sent.batchNumber(),
					retryAfter.map(Duration::toString).orElse("absent"), scopesOf(batch));
			scopesOf(batch).forEach(scope -> scopes.state(scope).throttled(retryAfter.orElse(null), now));
			batch.forEach(person -> {
				releaseProbe(person);
				enqueue(person);
			});
		}
		else if (answer instanceof BatchAnswer.Items items) {
			for (int i = 0; i < batch.size(); i++) {
				fileItem(batch.get(i), items.items().get(i), "batch-" + sent.batchNumber() + "#" + i);
			}
		}
		else if (GraphTransport.isTransient(exchange)) {
			String reason = (answer instanceof BatchAnswer.RequestError error) ? mask.mask(error.error().describe())
					: ((BatchAnswer.Unreadable) answer).reason();
			log.info("Graph batch-{} failed: {}", sent.batchNumber(), reason);
			retryBatchLater(batch, "transient fault: " + reason);
		}
		else if (answer instanceof BatchAnswer.RequestError error) {
			fileRequestError(sent, error.error(), topUsage);
		}
		else {
			String reason = ((BatchAnswer.Unreadable) answer).reason();
			batch.forEach(person -> retryLater(person, reason));
		}
	}

	/**
	 * The whole request failed on its top-level token. When a person of the batch belongs to that token's scope, the
	 * error is that person's answer, as if its own item had failed; otherwise it tells the scope alone. The other
	 * persons go back to their queues untouched, except when the answer was about the request rather than a token
	 * (a permanent error): then each spends an attempt, so a request Graph keeps refusing ends.
	 */
	private void fileRequestError(Sent sent, GraphError error, Map<String, Usage> usage) {
		List<Person> batch = sent.batch();
		Person owner = batch.stream().filter(person -> person.scope.equals(sent.topLevel())).findFirst().orElse(null);
		String callRef = "batch-" + sent.batchNumber();
		if (owner != null) {
			fileError(owner, error, usage, callRef);
		}
		else {
			String message = mask.mask(error.describe());
			log.warn("Graph {} answer to the top-level token of {} in {}: {} fbtrace_id={}", error.kind(),
					sent.topLevel(), callRef, message, error.fbtraceId());
			ScopeState state = scopes.state(sent.topLevel());
			switch (error.kind()) {
				case THROTTLED -> throttle(sent.topLevel(), error, usage);
				case POLICY_BLOCKED -> blockForPolicy(sent.topLevel(), error);
				case AUTH, PERMISSION_DENIED -> {
					if (state.refuse(closedState(error.kind()), error.code(), message)) {
						metrics.scopeClosed(closedState(error.kind()));
					}
				}
				case REVIEW_PENDING -> {
					if (state.block(error, clock.instant())) {
						metrics.scopeBlocked();
					}
				}
				default -> {
					batch.forEach(person -> retryLater(person, message));
					return;
				}
			}
		}
		batch.stream().filter(person -> person != owner).forEach(person -> {
			releaseProbe(person);
			enqueue(person);
		});
	}

	private static Set<Scope> scopesOf(List<Person> batch) {
		Set<Scope> scopes = new LinkedHashSet<>();
		batch.forEach(person -> scopes.add(person.scope));
		return scopes;
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
		Map<String, Usage> usage = Usage.readings(item.headers());
		scopes.state(person.scope).usage(usage, clock.millis());
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
			RetryAfter.of(item.headers(), clock.instant()).ifPresent(wait -> scopes.state(person.scope).holdUntil(
					clock.millis() + wait.toMillis()));
			retryLater(person, "batch item HTTP " + item.status() + " without a Graph error");
		}
		else {
			fileSuccess(person, body.get(), callRef);
		}
	}

	private void fileSuccess(Person person, JsonNode body, String callRef) {
		ScopeState state = scopes.state(person.scope);
		state.succeeded();
		if (person.profileRefusedBy == ErrorKind.PERMISSION_DENIED && !state.profileRefused()) {
			// without the profile fields the read worked: the permission missing is the profile's, for every ID
			state.refuseProfile();
			log.warn("{} may not read profile fields {}: its IDs are read without them from now on", person.scope,
					config.profileFields(person.id.type()));
		}
		if (person.probe) {
			state.probeAnswered(true);
			person.probe = false;
		}
		UserNodeAnswer answer = UserNodeAnswer.parse(body, config.profileFields(person.id.type()),
				config.targetApps(), config.targetPages());
		if (answer.itemsWithoutOwner() > 0) {
			metrics.edgeItemsWithoutOwner(answer.itemsWithoutOwner());
			log.warn("Graph answered {} edge item(s) without an ID or without their app or Page for {} ({}) in {};"
					+ " they cannot be filed", answer.itemsWithoutOwner(), person.scope, person.id.id(), callRef);
		}
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
			person.notBefore = 0;
			enqueue(person);
			return;
		}
		finish(person, new LookupOutcome.Resolved(person.id, List.copyOf(person.linked), person.profile,
				person.callRef, clock.instant()));
	}

	private void fileError(Person person, GraphError error, Map<String, Usage> usage, String callRef) {
		ErrorKind kind = error.kind();
		String message = mask.mask(error.describe());
		// Throttles and transient faults are retried and counted in the metrics; final answers are warnings.
		boolean retried = kind == ErrorKind.THROTTLED || kind == ErrorKind.TRANSIENT;
		log.atLevel(retried ? Level.INFO : Level.WARN)
			.log("Graph {} answer for {} ({}) in {}: {} fbtrace_id={}", kind, person.scope, person.id.id(), callRef,
					message, error.fbtraceId());
		ScopeState state = scopes.state(person.scope);
		Instant at = clock.instant();
		if (refusedProfile(person, error)) {
			// The profile fields may be what Graph refuses (2018218 for one person; a missing profile permission for
			// the scope): the links matter more, so the read goes once more without them.
			metrics.profileRetry();
			person.withProfile = false;
			person.profileRefusedBy = kind;
			releaseProbe(person);
			enqueue(person);
			return;
		}
		switch (kind) {
			case TRANSIENT -> retryLater(person, message);
			case THROTTLED -> {
				releaseProbe(person);
				throttle(person.scope, error, usage);
				enqueue(person);
			}
			case POLICY_BLOCKED -> {
				releaseProbe(person);
				blockForPolicy(person.scope, error);
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
			case AUTH, PERMISSION_DENIED -> {
				ScopeStatus.State closedAs = closedState(kind);
				if (state.refuse(closedAs, error.code(), message)) {
					metrics.scopeClosed(closedAs);
					log.warn("{} of {} refused ({}): no more calls with its credentials from this client",
							(kind == ErrorKind.AUTH) ? "Credentials" : "A permission", person.scope, message);
				}
				finish(person, closedOutcome(person, closedAs, error.code(), error.subcode(), message, at));
			}
			case PERMANENT -> {
				releaseProbe(person);
				finish(person, new LookupOutcome.Rejected(person.id, error.code(), error.subcode(), message, at));
			}
		}
	}

	/** Whether the error may be about the profile fields the person's first read asked, not yet retried without. */
	private boolean refusedProfile(Person person, GraphError error) {
		return person.fields == null && person.withProfile && !scopes.state(person.scope).profileRefused()
				&& (error.profileUnavailable() || error.kind() == ErrorKind.PERMISSION_DENIED);
	}

	/** A rate limit: the scope pauses, or, for an app-wide limit (#4), every scope read with the app's tokens. */
	private void throttle(Scope scope, GraphError error, Map<String, Usage> usage) {
		metrics.throttledAnswer();
		Duration regain = usage.values().stream().map(Usage::regainAccess).max(Duration::compareTo)
			.filter(d -> !d.isZero()).orElse(null);
		long now = clock.millis();
		List<ScopeState> paused = error.appWide() ? scopes.family(scope) : List.of(scopes.state(scope));
		paused.forEach(state -> state.throttled(regain, now));
	}

	private void blockForPolicy(Scope scope, GraphError error) {
		ScopeState state = scopes.state(scope);
		if (state.policyBlocked(error.code(), mask.mask(error.message()), clock.millis())) {
			metrics.scopePolicyBlocked();
			log.warn("{} is temporarily blocked by Graph for policy ({}): no call for it before {}", scope,
					mask.mask(error.describe()), state.status(clock.millis()).until());
		}
	}

	private static ScopeStatus.State closedState(ErrorKind kind) {
		return (kind == ErrorKind.AUTH) ? ScopeStatus.State.FAILED_AUTH : ScopeStatus.State.PERMISSION_DENIED;
	}

	/** The outcome of an ID whose scope is closed, alike whether its own call closed it or an earlier one did. */
	private static LookupOutcome closedOutcome(Person person, ScopeStatus.State state, int code, Integer subcode,
			String message, Instant at) {
		return (state == ScopeStatus.State.FAILED_AUTH)
				? new LookupOutcome.FailedAuth(person.id, code, subcode, message, at)
				: new LookupOutcome.PermissionDenied(person.id, code, subcode, message, at);
	}

	/** A transient fault on this person's read alone: back off with jitter and go again, within its budget. */
	private void retryLater(Person person, String reason) {
		metrics.transientFault();
		again(person, reason);
	}

	/** The whole request failed: one fault, and one attempt of each person's budget. */
	private void retryBatchLater(List<Person> batch, String reason) {
		metrics.transientFault();
		batch.forEach(person -> again(person, reason));
	}

	/**
	 * Spends one attempt of the person's budget ({@code maxAttempts} sends in the run, however they failed) and
	 * queues it again after a jittered backoff. A failed probe keeps its place as the scope's probe; when it runs out
	 * of attempts its scope's queued IDs give up with it, rather than each probing again with a budget of its own.
	 */
	private void again(Person person, String reason) {
		person.attempts++;
		if (person.attempts >= config.maxAttempts()) {
			boolean probe = person.probe || person.retriesProbe;
			person.retriesProbe = false;
			releaseProbe(person);
			String why = reason + " (" + person.attempts + " attempts)";
			finishUnavailable(person, why);
			if (probe) {
				List<Person> queued = queues.remove(person.scope);
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
			finish(person, closedOutcome(person, status.state(), code, null, status.message(), at));
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
