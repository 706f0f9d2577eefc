package com.crosswalk.emulator;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Graph API error as the emulator sends it: {@code {"error":{message,type,code,error_subcode?,is_transient?,
 * fbtrace_id}}} with an HTTP status. The factory methods hold the exact wording of every error the emulator knows.
 */
record GraphError(int httpStatus, String message, String type, int code, Integer subcode, Boolean transientError,
		CallOutcome outcome) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final char[] TRACE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
		.toCharArray();

	static final String OAUTH = "OAuthException";

	static final String METHOD = "GraphMethodException";

	static final String BATCH = "GraphBatchException";

	static GraphError versionTooLow(String edge) {
		return new GraphError(400, "(#12) " + edge + " requires version v2.9 or higher", OAUTH, 12, null, null,
				CallOutcome.UNSUPPORTED_VERSION);
	}

	static GraphError tokenMissing() {
		return new GraphError(400, "An access token is required to request this resource.", OAUTH, 190, null, null,
				CallOutcome.AUTH_ERROR);
	}

	static GraphError tokenInvalid() {
		return new GraphError(400, "Invalid OAuth access token - Cannot parse access token", OAUTH, 190, 467, null,
				CallOutcome.AUTH_ERROR);
	}

	static GraphError tokenExpired() {
		return new GraphError(400, "Error validating access token: Session has expired.", OAUTH, 190, 463, null,
				CallOutcome.AUTH_ERROR);
	}

	static GraphError proofMissing() {
		return new GraphError(400, "API calls from the server require an appsecret_proof argument", METHOD, 100, null,
				null, CallOutcome.PROOF_ERROR);
	}

	static GraphError proofInvalid() {
		return new GraphError(400, "Invalid appsecret_proof provided in the API argument", METHOD, 100, null, null,
				CallOutcome.PROOF_ERROR);
	}

	/** Meta documents no wording for this (reference §11.9); the emulator's own choice, same code as a bad proof. */
	static GraphError proofTimeExpired() {
		return new GraphError(400, "Expired appsecret_time provided in the API argument", METHOD, 100, null, null,
				CallOutcome.PROOF_ERROR);
	}

	static GraphError unsupportedRequest(String method, String id) {
		return new GraphError(400, "Unsupported " + method + " request. Object with ID '" + id
				+ "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. "
				+ "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
				METHOD, 100, 33, null, CallOutcome.NOT_FOUND);
	}

	static GraphError underReview(String message) {
		return new GraphError(403, message == null ? "(#200) Your business is under review for access to this API"
				: message, OAUTH, 200, null, false, CallOutcome.BLOCKED_REVIEW);
	}

	static GraphError appLimitReached() {
		return new GraphError(400, "(#4) Application request limit reached", OAUTH, 4, null, true,
				CallOutcome.THROTTLED);
	}

	static GraphError pageLimitReached(PageBucType type) {
		return new GraphError(400, type.message(), OAUTH, type.errorCode(), null, true, CallOutcome.THROTTLED);
	}

	static GraphError nonexistingField(String field, String nodeType) {
		return invalid("(#100) Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")");
	}

	static GraphError tooManyIds(int provided) {
		return new GraphError(400, "(#100) Too many IDs. Maximum: 50. Provided: " + provided + ".", OAUTH, 100, null,
				null, CallOutcome.INVALID_REQUEST);
	}

	static GraphError batchTooLarge() {
		return new GraphError(400, "Too many requests in batch message. Maximum batch size is 50", BATCH, 100, null,
				null, CallOutcome.INVALID_REQUEST);
	}

	static GraphError invalid(String message) {
		return new GraphError(400, message, OAUTH, 100, null, null, CallOutcome.INVALID_REQUEST);
	}

	/**
	 * The Graph error of an on-demand fault (not the whole-request ones, which carry no Graph body). Wording after
	 * Meta's error-handling and rate-limiting pages (reference §4.3) and, for 2018218, the User Profile API page.
	 */
	static GraphError of(FaultKind kind) {
		return switch (kind) {
			case APP_LIMIT -> appLimitReached();
			case PERMISSION_DENIED -> new GraphError(403, "(#10) Application does not have permission for this action",
					OAUTH, 10, null, false, CallOutcome.PERMISSION_DENIED);
			case USER_LIMIT -> new GraphError(400, "(#17) User request limit reached", OAUTH, 17, null, true,
					CallOutcome.THROTTLED);
			case PAGE_LIMIT -> new GraphError(400, "(#32) Page request limit reached", OAUTH, 32, null, true,
					CallOutcome.THROTTLED);
			case APPLICATION_LIMIT -> new GraphError(400, "(#341) Application limit reached", OAUTH, 341, null, true,
					CallOutcome.TRANSIENT_FAULT);
			case POLICY_BLOCK -> new GraphError(400,
					"(#368) The action attempted has been deemed abusive or is otherwise disallowed", OAUTH, 368, null,
					false, CallOutcome.THROTTLED);
			case CUSTOM_LIMIT -> new GraphError(400, "(#613) Calls to this api have exceeded the rate limit.", OAUTH,
					613, null, true, CallOutcome.THROTTLED);
			case PERMISSION_ERROR -> new GraphError(403, "(#200) Permissions error", OAUTH, 200, null, false,
					CallOutcome.PERMISSION_DENIED);
			case PROFILE_UNAVAILABLE -> new GraphError(400, "No profile available for this user.", OAUTH, 2018218, null,
					false, CallOutcome.PERMISSION_DENIED);
			default -> throw new IllegalArgumentException(kind + " has no Graph error body");
		};
	}

	/** An injected transient failure: code 1 (unknown) or 2 (service), both {@code is_transient:true}. */
	static GraphError transientFault(int code) {
		String message = code == 1 ? "An unknown error has occurred."
				: "An unexpected error has occurred. Please retry your request later.";
		return new GraphError(500, message, OAUTH, code, null, true, CallOutcome.TRANSIENT_FAULT);
	}

	/** What Graph answers for a call without any access token (strict; the lenient emulator keeps 190). */
	static GraphError tokenRequired() {
		return new GraphError(400, "An access token is required to request this resource.", OAUTH, 104, null, null,
				CallOutcome.AUTH_ERROR);
	}

	/** {@code debug_token} asked with a token that is not the inspected token's app's (reference "Debug Token"). */
	static GraphError debugTokenNeedsAppToken() {
		return invalid("(#100) You must provide an app access token, or a user access token that is an owner or"
				+ " developer of the app");
	}

	/** A field that needs a permission the token lacks, such as a Page's {@code business} without business_management. */
	static GraphError permissionRequired(String permission) {
		return new GraphError(403, "(#200) Requires " + permission + " permission to manage the object", OAUTH, 200,
				null, false, CallOutcome.INVALID_REQUEST);
	}

	/**
	 * Profile fields read with a Page token lacking {@code permission}: code 230 with HTTP 403, as quoted in
	 * home-assistant/core#26132 ({@code (#230) Requires pages_messaging permission to manage the object}).
	 */
	static GraphError profilePermissionRequired(String permission) {
		return new GraphError(403, "(#230) Requires " + permission + " permission to manage the object", OAUTH, 230,
				null, false, CallOutcome.PERMISSION_DENIED);
	}

	GraphException exception() {
		return new GraphException(this);
	}

	/** The answer Graph sends for this error, with a fresh {@code fbtrace_id}. */
	GraphResponse toResponse() {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode details = body.putObject("error");
		details.put("message", message);
		details.put("type", type);
		details.put("code", code);
		if (subcode != null) {
			details.put("error_subcode", subcode);
		}
		if (transientError != null) {
			details.put("is_transient", transientError);
		}
		details.put("fbtrace_id", traceId());
		GraphResponse response = GraphResponse.json(httpStatus, JSON.writeValueAsString(body));
		if (code == 190) {
			response = response.withHeaders(Map.of("WWW-Authenticate",
					"OAuth \"Facebook Platform\" \"invalid_token\" \"" + message + "\""));
		}
		return response;
	}

	private static String traceId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[11];
		for (int i = 0; i < id.length; i++) {
			id[i] = TRACE_ALPHABET[random.nextInt(TRACE_ALPHABET.length)];
		}
		return new String(id);
	}
}
