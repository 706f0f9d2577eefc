package com.crosswalk.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Turns HTTP exchanges into {@link GraphRequest}s and answers back, adding latency and the faults that happen on
 * the wire (slow answers, dropped connections, HTML pages, truncated JSON).
 */
final class GraphHttpHandler implements HttpHandler {

	private static final Logger log = LoggerFactory.getLogger(GraphHttpHandler.class);

	private static final String HTML_ERROR_PAGE = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Error</title></head>"
			+ "<body><h1>Sorry, something went wrong.</h1><p>We're working on it and we'll get it fixed as soon as we"
			+ " can.</p></body></html>\n";

	private final GraphRouter router;

	private final FaultInjector faults;

	private final EmulatorCounters counters;

	private final Duration latency;

	GraphHttpHandler(GraphRouter router, FaultInjector faults, EmulatorCounters counters, Duration latency) {
		this.router = router;
		this.faults = faults;
		this.counters = counters;
		this.latency = latency;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = readBody(exchange);
			counters.recordHttpRequest();
			long sequence = faults.nextSequence();
			pause(latency);
			GraphResponse response;
			try {
				response = router.handle(toRequest(exchange, body), sequence);
			}
			catch (RuntimeException ex) {
				log.warn("emulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
						ex);
				response = GraphError.transientFault(1).toResponse();
			}
			if (faults.roll(FaultKind.SLOW, sequence, 0)) {
				counters.recordFault(FaultKind.SLOW);
				pause(faults.settings().slowDelay());
			}
			if (faults.roll(FaultKind.DROPPED_CONNECTION, sequence, 0)) {
				counters.recordFault(FaultKind.DROPPED_CONNECTION);
				// closing an exchange before its headers are sent closes the connection without an answer
				return;
			}
			if (faults.roll(FaultKind.HTML_PAGE, sequence, 0)) {
				counters.recordFault(FaultKind.HTML_PAGE);
				response = new GraphResponse(502, Map.of(), HTML_ERROR_PAGE, "text/html; charset=utf-8");
			}
			else if (faults.roll(FaultKind.TRUNCATED_JSON, sequence, 0)) {
				counters.recordFault(FaultKind.TRUNCATED_JSON);
				response = new GraphResponse(200, response.headers(),
						response.body().substring(0, response.body().length() / 2), response.contentType());
			}
			send(exchange, response);
		}
	}

	private static GraphRequest toRequest(HttpExchange exchange, byte[] body) {
		Map<String, String> params = new HashMap<>();
		FormCodec.decodeInto(exchange.getRequestURI().getRawQuery(), params);
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (body.length > 0 && (contentType == null
				|| contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))) {
			FormCodec.decodeInto(new String(body, StandardCharsets.UTF_8), params);
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String bearer = null;
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			bearer = authorization.substring(7).trim();
		}
		else if (authorization != null && authorization.regionMatches(true, 0, "OAuth ", 0, 6)) {
			bearer = authorization.substring(6).trim();
		}
		return new GraphRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
				exchange.getRequestURI().getRawPath(), params, bearer);
	}

	static byte[] readBody(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return in.readAllBytes();
		}
	}

	static void send(HttpExchange exchange, GraphResponse response) throws IOException {
		byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", response.contentType());
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private static void pause(Duration duration) {
		if (duration.isZero()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
