package com.crosswalk.job;

/**
 * {@code resume} of a run whose staged input is gone ({@link StagedInput}): only a new run of the same input can
 * finish its work, and only {@code reconcile} knows the input.
 */
public class StagedInputLostException extends IllegalStateException {

	StagedInputLostException(long run) {
		super("run " + run + " cannot resume: " + StagedInput.LOST + ". Run `reconcile` with the same input to start"
				+ " a new run: it imports the input again and looks up only the IDs the lost run had not verified.");
	}
}
