package com.crosswalk.graph;

import java.util.Optional;
import java.util.OptionalLong;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lenient reading of Graph's JSON: bodies may be HTML or cut short, and numbers may arrive as strings (usage
 * headers, IDs). Anything unreadable is "absent" so that callers classify it as a transient fault.
 */
final class GraphJson {

	static final JsonMapper MAPPER = JsonMapper.shared();

	private GraphJson() {
	}

	/** The body as a JSON object or array, or empty if it is anything else (HTML, truncated, blank). */
	static Optional<JsonNode> parse(String body) {
		if (body == null || body.isBlank()) {
			return Optional.empty();
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			return (node != null && (node.isObject() || node.isArray())) ? Optional.of(node) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/** A number, or a string holding one; empty for anything else. */
	static OptionalLong longValue(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return OptionalLong.empty();
		}
		if (node.isNumber()) {
			return OptionalLong.of(node.longValue());
		}
		if (node.isString()) {
			try {
				return OptionalLong.of((long) Double.parseDouble(node.stringValue().trim()));
			}
			catch (NumberFormatException ex) {
				return OptionalLong.empty();
			}
		}
		return OptionalLong.empty();
	}

	/** A scalar as text (IDs are strings, but tolerate numbers); null for anything else. */
	static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.toString();
	}
}
