package com.crosswalk.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.crosswalk.concurrent.DaemonThreads;
import com.crosswalk.id.Scope;
import com.crosswalk.id.ScopedId;

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
		this.executor = Executors.newCachedThreadPool(DaemonThreads.numbered("crosswalk-graph"));
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
	 * The start-up check of every configured token (see {@link CredentialCheck}): the problems a person must fix,
	 * one human-readable line each naming the app or Page and what to set. Empty means every credential works.
	 * What could not be verified (a Page's owning business, without business_management) is logged as a warning;
	 * {@link #checkCredentials()} returns those lines too.
	 *
	 * @throws GraphUnreachableException if Graph could not be reached at all: nothing to fix, worth retrying later
	 */
	public List<String> preflight() {
		CredentialReport report = checkCredentials();
		report.warnings().forEach(warning -> log.warn("Start-up check: {}", warning));
		return report.problems();
	}

	/**
	 * Inspects every token with {@code debug_token} and the app's own credentials and reads the owning business
	 * where Graph lets it be read. An app or Page owned by another business is refused: ID Matching only maps IDs
	 * between one business's own assets, and its tokens must never travel with this business's IDs.
	 */
	public CredentialReport checkCredentials() {
		return new CredentialCheck(config, business, requests, transport, metrics, mask).run();
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

	/**
	 * A refusal for every ID of the scope (rejected credentials, a missing permission) that another client of the same
	 * run already met: closed without a call.
	 */
	public void knownRefused(Scope scope, ScopeStatus.State state, int code, String message) {
		scopes.state(scope).refuse(state, code, message);
	}

	/**
	 * The calls this client made for a scope that still count in its window (milliseconds since the epoch to calls),
	 * to hand to the next client that calls for it.
	 */
	public SortedMap<Long, Integer> callLog(Scope scope) {
		return scopes.state(scope).callLog(config.clock().millis());
	}

	/**
	 * Calls another client of the same business made for a scope and that still count in its window: this client's
	 * budget for the scope has that much less room, so two clients one after the other never spend more than one.
	 */
	public void callsMadeElsewhere(Scope scope, SortedMap<Long, Integer> calls) {
		scopes.state(scope).callsMadeElsewhere(calls, config.clock().millis());
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
}
