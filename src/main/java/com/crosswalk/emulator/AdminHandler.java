package com.crosswalk.emulator;

import java.io.IOException;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /_emulator/counters} (the counters as JSON) and {@code POST /_emulator/reset} (clears them and the
 * rate-limit windows). Not Graph API; not counted.
 */
final class AdminHandler implements HttpHandler {

	static final String PREFIX = "/_emulator";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatorCounters counters;

	private final Runnable reset;

	AdminHandler(EmulatorCounters counters, Runnable reset) {
		this.counters = counters;
		this.reset = reset;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			GraphHttpHandler.readBody(exchange);
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
			else {
				response = GraphResponse.json(404, "{\"error\":{\"message\":\"unknown admin endpoint\"}}");
			}
			GraphHttpHandler.send(exchange, response);
		}
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
