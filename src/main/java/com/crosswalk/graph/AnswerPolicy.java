package com.crosswalk.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import tools.jackson.databind.JsonNode;

import com.crosswalk.id.Scope;

/**
 * What each Graph answer means for the IDs of a {@link LookupRun} and for their scopes: an ID resolved, read again
 * (a continuation, or without the profile fields), retried within its budget, or given its final outcome; a scope
 * paused, blocked for review or policy, or closed. The run's scheduler carries out the moves ({@link Moves}); the
 * policy never waits and never sends.
 */
final class AnswerPolicy {

	private static final Logger log = LoggerFactory.getLogger(AnswerPolicy.class);

	/** What the policy does with an ID; the run carries it out. */
	interface Moves {

		/** Back to its scope's queue, its probe (if it was one) released. */
		void requeue(IdLookup person);

		/** A transient fault on this ID's read alone: one attempt of its budget, queued again after a backoff. */
		void retry(IdLookup person, String reason);

		/** The whole request failed: one fault, and one attempt of each ID's budget. */
		void retryAll(List<IdLookup> batch, String reason);

		/** The ID's probe, if it was one, answered without opening the scope. */
		void releaseProbe(IdLookup person);

		/** The ID's final outcome. */
		void finish(IdLookup person, LookupOutcome outcome);
	}

	private final GraphClientConfig config;

	private final GraphRequests requests;

	private final ScopeRegistry scopes;

	private final MetricsRecorder metrics;

	private final SecretMask mask;

	private final Clock clock;

	private final Moves moves;

	AnswerPolicy(GraphClientConfig config, GraphRequests requests, ScopeRegistry scopes, MetricsRecorder metrics,
			SecretMask mask, Moves moves) {
		this.config = config;
		this.requests = requests;
		this.scopes = scopes;
		this.metrics = metrics;
		this.mask = mask;
		this.clock = config.clock();
		this.moves = moves;
	}

	/** The outcome of an ID whose scope was closed before its read went out. */
	LookupOutcome outcomeInClosedScope(IdLookup person, ScopeStatus status) {
		Instant at = clock.instant();
		int code = (status.code() != null) ? status.code() : 0;
		if (status.state() == ScopeStatus.State.BLOCKED) {
			return new LookupOutcome.Blocked(person.id, code, status.message(), at, status.until());
		}
		return closedOutcome(person, status.state(), code, null, status.message(), at);
	}

	/** Files what came back for a sent batch: each ID's answer, or what the request's failure means for them. */
	void file(SentBatch sent) {
		List<IdLookup> batch = sent.batch();
		reportAnswered(batch);
		if (sent.failure() != null) {
			log.info("Graph batch-{} failed: {}", sent.batchNumber(), sent.failure());
			moves.retryAll(batch, "transport failure: " + sent.failure());
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
			batch.forEach(moves::requeue);
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
			moves.retryAll(batch, "transient fault: " + reason);
		}
		else if (answer instanceof BatchAnswer.RequestError error) {
			fileRequestError(sent, error.error(), topUsage);
		}
		else {
			String reason = ((BatchAnswer.Unreadable) answer).reason();
			batch.forEach(person -> moves.retry(person, reason));
		}
	}

	/**
	 * The whole request failed on its top-level token. When a person of the batch belongs to that token's scope, the
	 * error is that person's answer, as if its own item had failed; otherwise it tells the scope alone. The other
	 * persons go back to their queues untouched, except when the answer was about the request rather than a token
	 * (a permanent error): then each spends an attempt, so a request Graph keeps refusing ends.
	 */
	private void fileRequestError(SentBatch sent, GraphError error, Map<String, Usage> usage) {
		List<IdLookup> batch = sent.batch();
		IdLookup owner = batch.stream().filter(person -> person.scope.equals(sent.topLevel())).findFirst().orElse(null);
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
					batch.forEach(person -> moves.retry(person, message));
					return;
				}
			}
		}
		batch.stream().filter(person -> person != owner).forEach(moves::requeue);
	}

	private static Set<Scope> scopesOf(List<IdLookup> batch) {
		Set<Scope> scopes = new LinkedHashSet<>();
		batch.forEach(person -> scopes.add(person.scope));
		return scopes;
	}

	/** Tells each scope its calls in the batch are answered, so its call log ages them from now. */
	private void reportAnswered(List<IdLookup> batch) {
		long now = clock.millis();
		Map<Scope, Map<Long, Integer>> calls = new HashMap<>();
		for (IdLookup person : batch) {
			calls.computeIfAbsent(person.scope, s -> new HashMap<>()).merge(person.grantedAt, 1, Integer::sum);
		}
		calls.forEach((scope, byGrant) -> {
			ScopeState state = scopes.state(scope);
			byGrant.forEach((grantedAt, count) -> state.answered(grantedAt, count, now));
		});
	}

	private void fileItem(IdLookup person, BatchAnswer.Item item, String callRef) {
		if (item == null) {
			moves.retry(person, "Graph left the batch item unfinished (null)");
			return;
		}
		Map<String, Usage> usage = Usage.readings(item.headers());
		scopes.state(person.scope).usage(usage, clock.millis());
		Optional<JsonNode> body = GraphJson.parse(item.body());
		if (body.isEmpty() || !body.get().isObject()) {
			moves.retry(person, "batch item HTTP " + item.status() + " with a body that is not a JSON object");
			return;
		}
		Optional<GraphError> error = GraphError.fromBody(body.get());
		if (error.isPresent()) {
			fileError(person, error.get(), usage, callRef);
		}
		else if (item.status() >= 500) {
			RetryAfter.of(item.headers(), clock.instant()).ifPresent(wait -> scopes.state(person.scope).holdUntil(
					clock.millis() + wait.toMillis()));
			moves.retry(person, "batch item HTTP " + item.status() + " without a Graph error");
		}
		else {
			fileSuccess(person, body.get(), callRef);
		}
	}

	private void fileSuccess(IdLookup person, JsonNode body, String callRef) {
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
			moves.requeue(person);
			return;
		}
		moves.finish(person, new LookupOutcome.Resolved(person.id, List.copyOf(person.linked), person.profile,
				person.callRef, clock.instant()));
	}

	private void fileError(IdLookup person, GraphError error, Map<String, Usage> usage, String callRef) {
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
			moves.requeue(person);
			return;
		}
		switch (kind) {
			case TRANSIENT -> moves.retry(person, message);
			case THROTTLED -> {
				moves.releaseProbe(person);
				throttle(person.scope, error, usage);
				moves.requeue(person);
			}
			case POLICY_BLOCKED -> {
				moves.releaseProbe(person);
				blockForPolicy(person.scope, error);
				moves.requeue(person);
			}
			case REVIEW_PENDING -> {
				if (state.block(error, at)) {
					metrics.scopeBlocked();
					log.warn("{} is pending ID Matching review: no more calls for it from this client", person.scope);
				}
				ScopeStatus status = state.closedStatus();
				Instant retryAfter = (status != null && status.until() != null) ? status.until()
						: at.plus(config.reviewRetryAfter());
				moves.finish(person, new LookupOutcome.Blocked(person.id, error.code(), mask.mask(error.message()), at,
						retryAfter));
			}
			case AUTH, PERMISSION_DENIED -> {
				ScopeStatus.State closedAs = closedState(kind);
				if (state.refuse(closedAs, error.code(), message)) {
					metrics.scopeClosed(closedAs);
					log.warn("{} of {} refused ({}): no more calls with its credentials from this client",
							(kind == ErrorKind.AUTH) ? "Credentials" : "A permission", person.scope, message);
				}
				moves.finish(person, closedOutcome(person, closedAs, error.code(), error.subcode(), message, at));
			}
			case PERMANENT -> {
				moves.releaseProbe(person);
				moves.finish(person, new LookupOutcome.Rejected(person.id, error.code(), error.subcode(), message, at));
			}
		}
	}

	/** Whether the error may be about the profile fields the person's first read asked, not yet retried without. */
	private boolean refusedProfile(IdLookup person, GraphError error) {
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
	private static LookupOutcome closedOutcome(IdLookup person, ScopeStatus.State state, int code, Integer subcode,
			String message, Instant at) {
		return (state == ScopeStatus.State.FAILED_AUTH)
				? new LookupOutcome.FailedAuth(person.id, code, subcode, message, at)
				: new LookupOutcome.PermissionDenied(person.id, code, subcode, message, at);
	}
}
