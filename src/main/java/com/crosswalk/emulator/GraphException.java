package com.crosswalk.emulator;

/** Carries a {@link GraphError} out of the request pipeline; control flow, so it skips the stack trace. */
final class GraphException extends RuntimeException {

	private final transient GraphError error;

	GraphException(GraphError error) {
		super(error.message(), null, false, false);
		this.error = error;
	}

	GraphError error() {
		return error;
	}
}
