package com.crosswalk.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Looks up the other IDs of people through the Graph API's ID Matching edges, one user-node read per person, packed
 * into batches, within each scope's rate budget, with retries for transient faults and a single call for a scope
 * that is pending review or whose token is dead. Thread-safe: one client serves every thread of a job, and its
 * limits (requests in flight, budgets, pauses, blocked scopes) are shared by all of them.
 */
public final class GraphClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GraphClient.class);

	private final GraphClientConfig config;

	private final BusinessCredentials business;

	private final MetricsRecorder metrics;

	private final SecretMask mask;

	private final GraphRequests requests;

	private final GraphTransport transport;

	private final ScopeRegistry scopes;

	private final ExecutorService executor;

	private final AtomicLong batchNumbers = new AtomicLong();

	/** @throws IllegalArgumentException if the base URL is plain HTTP to anything but a loopback address */
	public GraphClient(GraphClientConfig config, BusinessCredentials business) {
		this.config = Objects.requireNonNull(config, "config");
		this.business = Objects.requireNonNull(business, "business");
		this.metrics = new MetricsRecorder(config.clock());
		this.mask = new SecretMask(business);
		this.requests = new GraphRequests(config);
		this.transport = new GraphTransport(config, metrics, mask);
		this.scopes = new ScopeRegistry(business, config);
		this.executor = Executors.newCachedThreadPool(daemonThreads());
	}

	/**
	 * Looks up every ID and returns exactly one outcome per input, in input order. Blocks until all are answered,
	 * including waits for budgets and throttled scopes (bounded by {@code maxThrottleWait}). If the calling thread
	 * is interrupted, the IDs not yet answered come back {@link LookupOutcome.Unavailable} and the interrupt flag is
	 * set again.
	 */
	public List<LookupOutcome> lookup(List<ScopedId> ids) {
		Objects.requireNonNull(ids, "ids");
		if (ids.isEmpty()) {
			return List.of();
		}
		return new LookupRun(config, requests, transport, scopes, metrics, mask, executor, batchNumbers).run(ids);
	}

	public GraphMetrics metrics() {
		return metrics.snapshot();
	}

	/**
	 * One real GET of {@code /{version}/{pathAfterVersion}} with the token and proof of {@code asWho}'s scope, for
	 * the {@code explain} command. No retry, no budget: the answer is shown as it came, credentials masked.
	 *
	 * @throws IllegalArgumentException if the business has no usable credentials for that scope
	 * @throws UncheckedIOException if Graph could not be reached
	 */
	public RawExchange call(ScopedId asWho, String pathAfterVersion, Map<String, String> params) {
		Scope scope = Scope.of(asWho);
		ScopeCredentials credentials = scopes.credentials(scope)
			.orElseThrow(() -> new IllegalArgumentException("no usable credentials for " + scope));
		Map<String, String> query = new LinkedHashMap<>(params);
		query.keySet().removeIf(name -> name.equals("access_token") || name.startsWith("appsecret_"));
		try {
			RawExchange exchange = transport.exchange(
					requests.get(pathAfterVersion, query, credentials, config.clock().instant()));
			metrics.plainCall();
			return new RawExchange(exchange.redactedUrl(), exchange.status(), exchange.headers(),
					mask.mask(exchange.body()));
		}
		catch (IOException ex) {
			// The transport already masked the message.
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new InterruptedIOException("interrupted calling Graph"));
		}
	}

	/**
	 * Reads every configured app and Page once with its own token and proof ({@code GET /{id}?fields=id,name} and
	 * the owning business) and returns what is wrong, one human-readable line each, naming the app or Page and what
	 * to fix. Empty means every credential works. An app or Page owned by another business is refused: ID Matching
	 * only maps IDs between one business's own assets, and its tokens must never travel with this business's IDs.
	 *
	 * @throws GraphUnreachableException if Graph could not be reached at all: nothing to fix, worth retrying later
	 */
	public List<String> preflight() {
		List<String> problems = new ArrayList<>();
		for (AppCredentials app : business.apps()) {
			String name = "app " + app.appId();
			if (app.secret() == null || app.secret().isBlank()) {
				problems.add(name + ": no app secret; set it in the business file or in "
						+ BusinessCredentialsLoader.appSecretVariable(app.appId()));
				continue;
			}
			check(name, app.appId(), "owner_business", new ScopeCredentials(app.effectiveToken(), app.secret()),
					BusinessCredentialsLoader.appTokenVariable(app.appId()),
					BusinessCredentialsLoader.appSecretVariable(app.appId())).ifPresent(problems::add);
		}
		for (PageCredentials page : business.pages()) {
			String name = "Page " + page.pageId();
			Optional<AppCredentials> manager = business.app(page.appId());
			if (page.pageToken() == null || page.pageToken().isBlank()) {
				problems.add(name + ": no Page token; set it in the business file or in "
						+ BusinessCredentialsLoader.pageTokenVariable(page.pageId()));
			}
			else if (manager.isEmpty() || manager.get().secret() == null || manager.get().secret().isBlank()) {
				problems.add(name + ": managed by app " + page.appId()
						+ ", whose secret is not configured (needed for appsecret_proof); add the app with "
						+ BusinessCredentialsLoader.appSecretVariable(page.appId()));
			}
			else {
				check(name, page.pageId(), "business", new ScopeCredentials(page.pageToken(), manager.get().secret()),
						BusinessCredentialsLoader.pageTokenVariable(page.pageId()),
						BusinessCredentialsLoader.appSecretVariable(page.appId())).ifPresent(problems::add);
			}
		}
		return problems;
	}

	/** Every configured scope and every scope met so far, with its state. */
	public List<ScopeStatus> scopeStatuses() {
		return scopes.statuses(config.clock().millis());
	}

	/** Scopes pending ID Matching review, each with the time after which a retry makes sense. */
	public List<ScopeStatus> blockedScopes() {
		return scopeStatuses().stream().filter(ScopeStatus::isBlocked).toList();
	}

	public ScopeStatus scopeStatus(Scope scope) {
		return scopes.state(scope).status(config.clock().millis());
	}

	/**
	 * Tells the client a scope is under review (as recorded by an earlier process of the same run, e.g. before a
	 * crash): its IDs are answered Blocked without a call, exactly as after the #200 this client would have met.
	 */
	public void knownUnderReview(Scope scope, int code, String message, Instant until) {
		scopes.state(scope).blockedUntil(code, message, until);
	}

	/** The pacing state of one scope, for tests in this package that look behind the public status. */
	ScopeState scopeState(Scope scope) {
		return scopes.state(scope);
	}

	public GraphClientConfig config() {
		return config;
	}

	@Override
	public void close() {
		executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "GraphClient[business=" + business.businessId() + ", baseUrl=" + config.baseUrl() + ", apiVersion="
				+ config.apiVersion() + "]";
	}

	private Optional<String> check(String name, String nodeId, String businessField, ScopeCredentials credentials,
			String tokenVariable, String secretVariable) {
		RawExchange exchange;
		try {
			exchange = transport.exchangeWithRetry(() -> {
				metrics.plainCall();
				return requests.get(nodeId, Map.of("fields", "id,name," + businessField), credentials,
						config.clock().instant());
			});
		}
		catch (IOException ex) {
			// the same for every app and Page: one line, and no retry cycle per scope
			throw new GraphUnreachableException("the Graph API could not be reached at " + config.baseUrl()
					+ " while checking " + name + " (" + mask.mask(ex.getMessage()) + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of(name + ": check interrupted");
		}
		Optional<JsonNode> body = GraphJson.parse(exchange.body());
		Optional<GraphError> error = body.flatMap(GraphError::fromBody);
		if (error.isPresent()) {
			GraphError graphError = error.get();
			String answer = mask.mask(graphError.describe());
			if (graphError.kind() == ErrorKind.THROTTLED || graphError.kind() == ErrorKind.TRANSIENT) {
				// Graph checks the token and proof before it throttles: nothing to fix in the configuration, and the
				// lookups pace, retry or pause this scope themselves.
				log.warn("Preflight of {} got a {} answer, not a credentials problem: {} fbtrace_id={}", name,
						graphError.kind(), answer, graphError.fbtraceId());
				return Optional.empty();
			}
			log.warn("Preflight of {} failed: {} fbtrace_id={}", name, answer, graphError.fbtraceId());
			String fix = (graphError.kind() == ErrorKind.AUTH)
					? (graphError.code() == 100) ? "check the app secret (" + secretVariable + ")"
							: "renew the token (" + tokenVariable + ")"
					: "check that the ID and token belong to this business";
			return Optional.of(name + ": Graph answered " + answer + "; " + fix);
		}
		if (body.isEmpty()) {
			return Optional.of(name + ": unreadable answer (HTTP " + exchange.status() + ")");
		}
		String answeredId = GraphJson.text(body.get().get("id"));
		if (!nodeId.equals(answeredId)) {
			return Optional.of(name + ": Graph answered for node " + answeredId + "; check the configured ID");
		}
		JsonNode owner = body.get().get(businessField);
		String ownerId = owner == null ? null : GraphJson.text(owner.get("id"));
		if (ownerId != null && !ownerId.equals(business.businessId())) {
			return Optional.of(name + " belongs to business " + ownerId + ", not " + business.businessId()
					+ ": ID Matching may only connect a business's own apps and Pages; remove it, or use one business"
					+ " file per business");
		}
		return Optional.empty();
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, "crosswalk-graph-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
