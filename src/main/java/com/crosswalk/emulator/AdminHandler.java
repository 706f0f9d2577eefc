package com.crosswalk.emulator;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /_emulator/counters} (the counters as JSON), {@code POST /_emulator/reset} (clears them and the
 * rate-limit windows) and {@code GET|POST /_emulator/review} (reads or sets the ID Matching review of a business or
 * app, e.g. to end a pending review at a time a test chooses). Not Graph API; not counted.
 */
final class AdminHandler implements HttpHandler {

	static final String PREFIX = "/_emulator";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatorCounters counters;

	private final Runnable reset;

	private final ReviewBoard reviews;

	AdminHandler(EmulatorCounters counters, Runnable reset, ReviewBoard reviews) {
		this.counters = counters;
		this.reset = reset;
		this.reviews = reviews;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = GraphHttpHandler.readBody(exchange);
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			GraphResponse response;
			if (path.equals(PREFIX + "/counters") && method.equals("GET")) {
				response = GraphResponse.json(200, JSON.writeValueAsString(toJson(counters.snapshot())));
			}
			else if (path.equals(PREFIX + "/reset") && method.equals("POST")) {
				reset.run();
				response = GraphResponse.json(200, "{\"success\":true}");
			}
			else if (path.equals(PREFIX + "/review") && method.equals("POST")) {
				response = setReview(body);
			}
			else if (path.equals(PREFIX + "/review") && method.equals("GET")) {
				Map<String, String> query = new HashMap<>();
				FormCodec.decodeInto(exchange.getRequestURI().getRawQuery(), query);
				response = reviewOf(query.get("id"));
			}
			else {
				response = failure(404, "unknown admin endpoint");
			}
			GraphHttpHandler.send(exchange, response);
		}
	}

	/**
	 * Body {@code {"id":"<business or app>","state":"approved|pending|not_requested","pending_until":"<ISO-8601>",
	 * "message":"..."}} (the fixture's review object plus the ID); answers the review now in force.
	 */
	private GraphResponse setReview(byte[] body) {
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return failure(400, "the body must be a JSON object: {\"id\":...,\"state\":...}");
		}
		String id = request == null || !request.hasNonNull("id") ? null : request.get("id").asString();
		if (id == null) {
			return failure(400, "the body must name the business or app: {\"id\":...,\"state\":...}");
		}
		if (!reviews.knows(id)) {
			return failure(404, "no business or app '" + id + "' in the fixture");
		}
		try {
			reviews.set(id, FixtureReader.review(request));
		}
		catch (IllegalArgumentException ex) {
			return failure(400, ex.getMessage());
		}
		return reviewOf(id);
	}

	private GraphResponse reviewOf(String id) {
		if (id == null || !reviews.knows(id)) {
			return failure(404, "no business or app '" + id + "' in the fixture");
		}
		Fixture.Review review = reviews.get(id);
		ObjectNode root = JSON.createObjectNode();
		root.put("id", id);
		root.put("state", review.state().name().toLowerCase(Locale.ROOT));
		root.put("pending_until", review.pendingUntil() == null ? null : review.pendingUntil().toString());
		root.put("message", review.message());
		return GraphResponse.json(200, JSON.writeValueAsString(root));
	}

	private static GraphResponse failure(int status, String message) {
		ObjectNode root = JSON.createObjectNode();
		root.putObject("error").put("message", message);
		return GraphResponse.json(status, JSON.writeValueAsString(root));
	}

	/**
	 * {@code {"http_requests":n,"calls":n,"by_outcome":{"ok":n,...},"by_scope":{"<id>":{"ok":n,...}},
	 * "faults":{"server_error":n,...}}}
	 */
	static ObjectNode toJson(EmulatorCounters.Snapshot snapshot) {
		ObjectNode root = JSON.createObjectNode();
		root.put("http_requests", snapshot.httpRequests());
		root.put("calls", snapshot.calls());
		ObjectNode byOutcome = root.putObject("by_outcome");
		snapshot.byOutcome().forEach((outcome, count) -> byOutcome.put(outcome.wireName(), count));
		ObjectNode byScope = root.putObject("by_scope");
		for (Map.Entry<String, Map<CallOutcome, Long>> scope : snapshot.byScope().entrySet()) {
			ObjectNode counts = byScope.putObject(scope.getKey());
			scope.getValue().forEach((outcome, count) -> counts.put(outcome.wireName(), count));
		}
		ObjectNode faults = root.putObject("faults");
		snapshot.faults().forEach((kind, count) -> faults.put(kind.wireName(), count));
		return root;
	}
}
