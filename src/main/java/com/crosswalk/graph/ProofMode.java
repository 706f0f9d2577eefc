package com.crosswalk.graph;

/** Which form of {@code appsecret_proof} the client sends with every call. */
public enum ProofMode {

	/** {@code hex(HMAC-SHA256(app_secret, access_token))}: the form every Graph version accepts. */
	CLASSIC,

	/**
	 * {@code hex(HMAC-SHA256(app_secret, access_token + "|" + unix_seconds))} sent with {@code appsecret_time}; the
	 * proof expires after five minutes, so it is computed afresh for each call.
	 */
	TIMESTAMPED
}
