package com.crosswalk.graph;

import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** The {@code error} object of a Graph answer. */
public record GraphError(int code, Integer subcode, String type, String message, String fbtraceId,
		boolean transientFlag) {

	public static final int REVIEW_PENDING_CODE = 200;

	/** Reads {@code {"error":{...}}}; empty when the body carries no error object with a code. */
	public static Optional<GraphError> fromBody(JsonNode body) {
		if (body == null || !body.isObject()) {
			return Optional.empty();
		}
		JsonNode error = body.get("error");
		if (error == null || !error.isObject()) {
			return Optional.empty();
		}
		var code = GraphJson.longValue(error.get("code"));
		if (code.isEmpty()) {
			return Optional.empty();
		}
		var subcode = GraphJson.longValue(error.get("error_subcode"));
		JsonNode transientNode = error.get("is_transient");
		boolean transientFlag = transientNode != null
				&& (transientNode.isBoolean() ? transientNode.booleanValue() : "true".equals(GraphJson.text(transientNode)));
		return Optional.of(new GraphError((int) code.getAsLong(), subcode.isPresent() ? (int) subcode.getAsLong() : null,
				GraphJson.text(error.get("type")), GraphJson.text(error.get("message")),
				GraphJson.text(error.get("fbtrace_id")), transientFlag));
	}

	public static Optional<GraphError> fromBody(String body) {
		return GraphJson.parse(body).flatMap(GraphError::fromBody);
	}

	/**
	 * Rate limits come first because Graph may flag them transient too, yet they must pause the whole scope rather
	 * than retry one call; {@code is_transient} comes next, as in Meta's own SDKs.
	 */
	public ErrorKind kind() {
		if (isThrottle(code)) {
			return ErrorKind.THROTTLED;
		}
		if (transientFlag || code == 1 || code == 2 || code == 341) {
			return ErrorKind.TRANSIENT;
		}
		if (code == 190 || code == 102 || isProofRejected()) {
			return ErrorKind.AUTH;
		}
		if (code == REVIEW_PENDING_CODE) {
			return ErrorKind.REVIEW_PENDING;
		}
		return ErrorKind.PERMANENT;
	}

	/** Code, subcode and message for logs and reports; Graph's messages often carry the code already. */
	public String describe() {
		String text = (message != null) ? message : "no message";
		if (text.startsWith("(#")) {
			return (subcode != null) ? text + " [subcode " + subcode + "]" : text;
		}
		return "(#" + code + ((subcode != null) ? "/" + subcode : "") + ") " + text;
	}

	private static boolean isThrottle(int code) {
		return code == 4 || code == 17 || code == 32 || code == 368 || code == 613 || (code >= 80000 && code <= 80099);
	}

	/**
	 * A wrong or missing proof (#100) is a credential problem of the whole scope, not of one ID: every call with that
	 * token and secret would fail the same way.
	 */
	private boolean isProofRejected() {
		return code == 100 && message != null && message.toLowerCase(Locale.ROOT).contains("appsecret_proof");
	}
}
