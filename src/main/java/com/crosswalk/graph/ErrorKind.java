package com.crosswalk.graph;

/** What the client does about a Graph error, decided by code, subcode and {@code is_transient} only. */
public enum ErrorKind {

	/** Service trouble (1, 2, 341, {@code is_transient:true}): retry with backoff, bounded. */
	TRANSIENT,

	/** A rate limit (4, 17, 32, 613, 80000–80099): pause the whole scope (the whole app for 4), then retry. */
	THROTTLED,

	/**
	 * Temporarily blocked for policy violations (368): calls while blocked may lengthen the block, so the scope
	 * waits long, is not probed again in this client's life, and is reported as a policy block.
	 */
	POLICY_BLOCKED,

	/** ID Matching not yet enabled for the business (#200 with the review wording): block the scope. */
	REVIEW_PENDING,

	/**
	 * A permission the app or token lacks (10, a #200 that is not the review, other 2xx): the same for every ID of
	 * the scope, so the scope stops after one call and is reported apart from the review.
	 */
	PERMISSION_DENIED,

	/** The scope's token or proof is rejected (190, 102, bad appsecret_proof): stop calling with it. */
	AUTH,

	/** An answer about this one ID (100, 803, …): no retry. */
	PERMANENT
}
