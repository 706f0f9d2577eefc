package com.crosswalk.graph;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** The {@code error} object of a Graph answer. */
public record GraphError(int code, Integer subcode, String type, String message, String fbtraceId,
		boolean transientFlag) {

	public static final int REVIEW_PENDING_CODE = 200;

	/** #4, Application request limit reached: the app's limit, met by every token the app made. */
	public static final int APP_REQUEST_LIMIT_CODE = 4;

	/** #368, temporarily blocked for policy violations. */
	public static final int POLICY_BLOCK_CODE = 368;

	/**
	 * User Profile API: "No profile available for this user." (an account made with a phone number), answered for one
	 * person's profile fields. Source: https://developers.facebook.com/docs/messenger-platform/identity/user-profile
	 */
	public static final int PROFILE_UNAVAILABLE_CODE = 2018218;

	/**
	 * How a #200 says the business is under ID Matching review, lower case. Meta documents no code or subcode of its
	 * own for it (reference §9, §11.1), so the message decides; any other #200 is a plain permission error.
	 * <ul>
	 * <li>"under review": the English seed, "(#200) Your business is under review for access to this API"
	 * (https://developers.facebook.com/docs/messenger-platform/identity/id-matching, /work/shared/seed/README.md);</li>
	 * <li>"en fase de revisión": the same page in Spanish, "(#200) Tu empresa está en fase de revisión para acceder a
	 * esta API" (the seed document, line 202), as Graph localises messages to the caller's locale;</li>
	 * <li>"pending review", "being reviewed": our assumption, wordings of the same state.</li>
	 * </ul>
	 */
	static final List<String> REVIEW_WORDINGS = List.of("under review", "en fase de revisión", "pending review",
			"being reviewed");

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
		if (code == POLICY_BLOCK_CODE) {
			return ErrorKind.POLICY_BLOCKED;
		}
		if (isThrottle(code)) {
			return ErrorKind.THROTTLED;
		}
		if (transientFlag || code == 1 || code == 2 || code == 341) {
			return ErrorKind.TRANSIENT;
		}
		// 104: no access token reached Graph (a proxy dropped it, an empty one was configured): a credential matter
		if (code == 190 || code == 102 || code == 104 || isProofRejected()) {
			return ErrorKind.AUTH;
		}
		if (code == REVIEW_PENDING_CODE && isReviewWording()) {
			return ErrorKind.REVIEW_PENDING;
		}
		if (code == 10 || (code >= 200 && code <= 299)) {
			return ErrorKind.PERMISSION_DENIED;
		}
		return ErrorKind.PERMANENT;
	}

	/** A limit of the whole app (#4), so every scope read with one of the app's tokens is limited with it. */
	public boolean appWide() {
		return code == APP_REQUEST_LIMIT_CODE;
	}

	/** Graph could not give this person's profile fields; the ID edges alone may still be read. */
	public boolean profileUnavailable() {
		return code == PROFILE_UNAVAILABLE_CODE || (subcode != null && subcode == PROFILE_UNAVAILABLE_CODE);
	}

	private boolean isReviewWording() {
		if (message == null) {
			return false;
		}
		String text = message.toLowerCase(Locale.ROOT);
		return REVIEW_WORDINGS.stream().anyMatch(text::contains);
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
		return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80000 && code <= 80099);
	}

	/**
	 * A wrong or missing proof (#100) is a credential problem of the whole scope, not of one ID: every call with that
	 * token and secret would fail the same way.
	 */
	private boolean isProofRejected() {
		return code == 100 && message != null && message.toLowerCase(Locale.ROOT).contains("appsecret_proof");
	}
}
