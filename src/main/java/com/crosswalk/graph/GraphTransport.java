package com.crosswalk.graph;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to Graph: one pooled JDK client (HTTP/2 where offered), a bound on requests in flight shared by every thread,
 * and a Resilience4j retry for whole-request transient faults of single calls (the start-up checks). Lookups send
 * each batch once and retry per ID in {@link LookupRun}, so that one budget bounds every send of an ID.
 */
final class GraphTransport {

	private static final Logger log = LoggerFactory.getLogger(GraphTransport.class);

	private final HttpClient http;

	private final Semaphore inFlight;

	private final Retry retry;

	private final MetricsRecorder metrics;

	private final SecretMask mask;

	GraphTransport(GraphClientConfig config, MetricsRecorder metrics, SecretMask mask) {
		requireSecureTransport(config.baseUrl());
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_2)
			.connectTimeout(config.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.inFlight = new Semaphore(config.maxInFlight(), true);
		this.metrics = metrics;
		this.mask = mask;
		this.retry = Retry.of("graph-http", RetryConfig.<RawExchange>custom()
			.maxAttempts(config.maxAttempts())
			.intervalFunction(fullJitter(config))
			.retryOnResult(GraphTransport::isTransient)
			.retryOnException(ex -> ex instanceof IOException)
			.failAfterMaxAttempts(false)
			.build());
		this.retry.getEventPublisher().onRetry(event -> {
			metrics.retry();
			metrics.transientFault();
			log.debug("Retrying a Graph request after a transient fault (attempt {}): {}",
					event.getNumberOfRetryAttempts(), mask.mask(String.valueOf(event.getLastThrowable())));
		});
	}

	/**
	 * Exponential backoff with full jitter: a uniform wait between zero and the capped exponential, so that threads
	 * hit by the same fault do not come back in step.
	 */
	static IntervalFunction fullJitter(GraphClientConfig config) {
		long initial = config.initialBackoff().toMillis();
		long max = config.maxBackoff().toMillis();
		return attempt -> {
			int doublings = Math.min(Math.max(attempt - 1, 0), 30);
			long ceiling = Math.min(max, initial << doublings);
			return ThreadLocalRandom.current().nextLong(ceiling + 1);
		};
	}

	/**
	 * Transient when Graph says so (codes 1, 2, 341, {@code is_transient}), and when there is no Graph answer to read:
	 * HTML, a cut-off body, or a 5xx without an error object.
	 */
	static boolean isTransient(RawExchange exchange) {
		var body = GraphJson.parse(exchange.body());
		if (body.isEmpty()) {
			return true;
		}
		var error = GraphError.fromBody(body.get());
		if (error.isPresent()) {
			return error.get().kind() == ErrorKind.TRANSIENT;
		}
		return exchange.status() >= 500;
	}

	/** Sends with retries; each attempt asks {@code requests} for a fresh request, so proofs are made per call. */
	RawExchange exchangeWithRetry(Supplier<HttpRequest> requests) throws IOException, InterruptedException {
		try {
			return Retry.decorateCheckedSupplier(retry, () -> exchange(requests.get())).get();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One attempt, no retry. */
	RawExchange exchange(HttpRequest request) throws IOException, InterruptedException {
		String redactedUrl = mask.mask(request.uri().toString());
		inFlight.acquire();
		try {
			metrics.httpRequest();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new RawExchange(redactedUrl, response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			// The JDK puts the URL into some messages; never let a token ride along.
			throw new IOException(mask.mask(ex.getClass().getSimpleName() + ": " + ex.getMessage()) + " on "
					+ redactedUrl);
		}
		finally {
			inFlight.release();
		}
	}

	/** Credentials travel in query strings and bodies, so only loopback (an emulator) may use plain HTTP. */
	static void requireSecureTransport(URI baseUrl) {
		String scheme = (baseUrl.getScheme() != null) ? baseUrl.getScheme().toLowerCase(Locale.ROOT) : "";
		if (scheme.equals("https")) {
			return;
		}
		if (scheme.equals("http") && isLoopback(baseUrl.getHost())) {
			return;
		}
		throw new IllegalArgumentException(
				"Graph base URL must use https (plain http only to a loopback address): " + Redaction.redact(
						baseUrl.toString()));
	}

	private static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (bare.equalsIgnoreCase("localhost")) {
			return true;
		}
		// Only literal addresses are checked: resolving a name here could be steered by DNS.
		if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
			return false;
		}
		try {
			return InetAddress.getByName(bare).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}
}
