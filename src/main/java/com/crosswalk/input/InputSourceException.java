package com.crosswalk.input;

/**
 * The input source failed (query error, lost connection): unlike a bad row, nothing after this point can be read,
 * so the step must fail and be restarted.
 */
public class InputSourceException extends RuntimeException {

	public InputSourceException(String message, Throwable cause) {
		super(message, cause);
	}
}
