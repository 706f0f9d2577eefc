package com.crosswalk.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What came back for one batch POST: per-item answers in request order ({@code null} where Graph did not finish an
 * item), or one error for the whole request, or nothing readable.
 */
sealed interface BatchAnswer {

	/** One operation's answer: its HTTP status, its own headers (usage headers among them) and its body. */
	record Item(int status, Map<String, List<String>> headers, String body) {
	}

	record Items(List<Item> items) implements BatchAnswer {
	}

	/** The whole request failed; its error is the answer to the top-level token. */
	record RequestError(GraphError error) implements BatchAnswer {
	}

	record Unreadable(String reason) implements BatchAnswer {
	}

	static BatchAnswer parse(RawExchange exchange, int operations) {
		var body = GraphJson.parse(exchange.body());
		if (body.isEmpty()) {
			return new Unreadable("HTTP " + exchange.status() + " with a body that is not JSON");
		}
		JsonNode root = body.get();
		if (root.isObject()) {
			return GraphError.fromBody(root)
				.<BatchAnswer>map(RequestError::new)
				.orElseGet(() -> new Unreadable("HTTP " + exchange.status() + " with an object, not a batch array"));
		}
		if (root.size() > operations) {
			return new Unreadable("batch answer has " + root.size() + " items for " + operations + " operations");
		}
		// A short array means Graph gave up on the tail: those items are unfinished, like nulls.
		List<Item> items = new ArrayList<>(Collections.nCopies(operations, null));
		for (int i = 0; i < root.size(); i++) {
			items.set(i, item(root.get(i)));
		}
		return new Items(Collections.unmodifiableList(items));
	}

	private static Item item(JsonNode node) {
		if (node == null || !node.isObject()) {
			return null;
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		JsonNode headerList = node.get("headers");
		if (headerList != null && headerList.isArray()) {
			for (JsonNode header : headerList) {
				String name = GraphJson.text(header.get("name"));
				String value = GraphJson.text(header.get("value"));
				if (name != null && value != null) {
					headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
				}
			}
		}
		int status = (int) GraphJson.longValue(node.get("code")).orElse(0);
		return new Item(status, headers, GraphJson.text(node.get("body")));
	}
}
