package com.crosswalk.graph;

/**
 * The Graph API could not be reached at all (no route, DNS failure, connection refused, no answer within the
 * request timeout), after the transport's retries. Nothing in the configuration need be wrong: worth retrying later.
 * The message names the URL with credentials masked; no cause is kept, as the JDK's may carry the full URL.
 */
public final class GraphUnreachableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	GraphUnreachableException(String message) {
		super(message, null, false, false);
	}
}
