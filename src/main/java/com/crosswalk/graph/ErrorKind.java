package com.crosswalk.graph;

/** What the client does about a Graph error, decided by code, subcode and {@code is_transient} only. */
public enum ErrorKind {

	/** Service trouble (1, 2, 341, {@code is_transient:true}): retry with backoff, bounded. */
	TRANSIENT,

	/** A rate limit (4, 17, 32, 368, 613, 80000–80099): pause the whole scope, then retry. */
	THROTTLED,

	/** ID Matching not yet enabled for the business (#200): block the scope for the client's life. */
	REVIEW_PENDING,

	/** The scope's token or proof is rejected (190, 102, bad appsecret_proof): stop calling with it. */
	AUTH,

	/** An answer about this one ID (100, 10, other 2xx, 803, …): no retry. */
	PERMANENT
}
