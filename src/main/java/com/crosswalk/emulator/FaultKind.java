package com.crosswalk.emulator;

/**
 * The faults the emulator can inject; see {@link FaultSettings}. The first six are rolled at random; the others are
 * Graph error answers given on demand ({@link ErrorFault}).
 */
public enum FaultKind {

	SERVER_ERROR("server_error"),
	SLOW("slow"),
	DROPPED_CONNECTION("dropped_connection"),
	HTML_PAGE("html_page"),
	TRUNCATED_JSON("truncated_json"),
	NULL_BATCH_ITEM("null_batch_item"),
	/** #4 Application request limit reached: the app's limit, whichever of its tokens made the call. */
	APP_LIMIT("app_limit"),
	/** #10 permission denied. */
	PERMISSION_DENIED("permission_denied"),
	/** #17 User request limit reached. */
	USER_LIMIT("user_limit"),
	/** #32 Page request limit reached. */
	PAGE_LIMIT("page_limit"),
	/** #341 Application limit reached (temporary). */
	APPLICATION_LIMIT("application_limit"),
	/** #368 temporarily blocked for policy violations. */
	POLICY_BLOCK("policy_block"),
	/** #613 custom rate limit. */
	CUSTOM_LIMIT("custom_limit"),
	/** #200 "Permissions error": a permission missing, not the ID Matching review. */
	PERMISSION_ERROR("permission_error"),
	/** 2018218 No profile available for this user; only to a read that asks profile fields. */
	PROFILE_UNAVAILABLE("profile_unavailable"),
	/** The whole HTTP request answered 429 with {@code Retry-After} and no Graph body, as a proxy or edge would. */
	TOO_MANY_REQUESTS("too_many_requests"),
	/** The whole HTTP request answered 503 with {@code Retry-After} and no Graph body. */
	SERVICE_UNAVAILABLE("service_unavailable");

	private final String wireName;

	FaultKind(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}

	/** Answered to the whole HTTP request rather than to one call. */
	boolean wholeRequest() {
		return this == TOO_MANY_REQUESTS || this == SERVICE_UNAVAILABLE;
	}

	/** One of the random faults of {@link FaultSettings}' probabilities. */
	boolean random() {
		return ordinal() <= NULL_BATCH_ITEM.ordinal();
	}
}
