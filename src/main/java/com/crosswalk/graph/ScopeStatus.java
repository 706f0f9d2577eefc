package com.crosswalk.graph;

import java.time.Instant;

/**
 * Where one scope stands in this client: calls allowed, paused until a time, blocked pending review (retry after
 * {@code until}), or stopped because its credentials were rejected.
 */
public record ScopeStatus(Scope scope, State state, Instant until, Integer code, String message) {

	public enum State {
		ACTIVE, PAUSED, BLOCKED, FAILED_AUTH
	}

	public boolean isBlocked() {
		return state == State.BLOCKED;
	}
}
