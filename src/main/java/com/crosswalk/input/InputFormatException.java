package com.crosswalk.input;

/**
 * The input as a whole cannot be read (empty file, missing columns, wrong delimiter, not a CSV file at all). The
 * message names the source, says what is wrong and what to change; it never contains a stack trace's worth of
 * parser internals.
 */
public class InputFormatException extends RuntimeException {

	public InputFormatException(String message) {
		super(message);
	}

	public InputFormatException(String message, Throwable cause) {
		super(message, cause);
	}
}
