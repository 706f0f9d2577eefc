package com.crosswalk.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A Graph error the emulator answers on demand instead of carrying out ID Matching reads (a user node's
 * {@code ids_for_*} edges or fields, and batches of them; app and Page node reads are left alone), so that tests can
 * meet every error the client must handle.
 *
 * @param kind which error ({@link FaultKind#APP_LIMIT} and the kinds after it)
 * @param scope the app or Page ID whose token the call carries (for a whole request: its top-level token); null for
 * every scope
 * @param times how many such calls get the error before the scope is answered normally again; 0 for every call
 * @param retryAfter the {@code Retry-After} of {@link FaultKind#TOO_MANY_REQUESTS} and
 * {@link FaultKind#SERVICE_UNAVAILABLE}; ignored by the others
 */
public record ErrorFault(FaultKind kind, String scope, int times, Duration retryAfter) {

	public ErrorFault {
		Objects.requireNonNull(kind, "kind");
		if (kind.random()) {
			throw new IllegalArgumentException(kind + " is a random fault; set its probability instead");
		}
		if (times < 0) {
			throw new IllegalArgumentException("times must not be negative, was " + times);
		}
		retryAfter = (retryAfter == null) ? Duration.ZERO : retryAfter;
	}

	/** Every call of the scope (null: of every scope) gets the error. */
	public static ErrorFault always(FaultKind kind, String scope) {
		return new ErrorFault(kind, scope, 0, Duration.ZERO);
	}

	/** The first {@code times} calls of the scope get the error. */
	public static ErrorFault first(FaultKind kind, String scope, int times) {
		return new ErrorFault(kind, scope, times, Duration.ZERO);
	}

	public ErrorFault withRetryAfter(Duration wait) {
		return new ErrorFault(kind, scope, times, wait);
	}
}
