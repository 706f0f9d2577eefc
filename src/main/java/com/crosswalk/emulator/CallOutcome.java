package com.crosswalk.emulator;

/** How the emulator answered one call (a plain request, one batch item, or one ID of a {@code ?ids=} read). */
public enum CallOutcome {

	OK("ok"),
	/** #200: the business or app is under review for ID Matching. */
	BLOCKED_REVIEW("blocked_review"),
	/** #4, 80001 or 80006: the scope's budget is spent; also the injected 17, 32, 368 and 613. */
	THROTTLED("throttled"),
	/** #10, or a #200 that is not the review: a permission the app or token lacks (injected on demand). */
	PERMISSION_DENIED("permission_denied"),
	/** 190: token missing, unknown or expired. */
	AUTH_ERROR("auth_error"),
	/** 100: appsecret_proof missing, wrong or expired. */
	PROOF_ERROR("proof_error"),
	/** 100/33: the ID does not exist or is not a scoped ID of the token's app or Page. */
	NOT_FOUND("not_found"),
	/** #12: the version is too old for ID Matching. */
	UNSUPPORTED_VERSION("unsupported_version"),
	/** Any other 100: unknown field, bad parameter, too many IDs, bad batch. */
	INVALID_REQUEST("invalid_request"),
	/**
	 * An injected 500 (code 1 or 2), #341, 429 or 503, or {@code null} batch item; the call was not carried out.
	 */
	TRANSIENT_FAULT("transient_fault");

	private final String wireName;

	CallOutcome(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}
}
