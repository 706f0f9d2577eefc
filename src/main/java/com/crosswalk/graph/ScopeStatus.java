package com.crosswalk.graph;

import java.time.Instant;

import com.crosswalk.id.Scope;

/**
 * Where one scope stands in this client: calls allowed, paused until a time, blocked for policy (#368) until a time,
 * blocked pending review (retry after {@code until}), or stopped because its credentials were rejected or it lacks
 * a permission.
 */
public record ScopeStatus(Scope scope, State state, Instant until, Integer code, String message) {

	public enum State {
		ACTIVE, PAUSED, POLICY_BLOCKED, BLOCKED, FAILED_AUTH, PERMISSION_DENIED
	}

	public boolean isBlocked() {
		return state == State.BLOCKED;
	}
}
