package com.crosswalk.bench;

import java.util.List;

import com.crosswalk.id.ScopedId;

/**
 * What a data engineer would write instead of Crosswalk: both ID edges for every input ID, no knowledge that one
 * answer names a person's other IDs. Lives here, not in the product, and stays deliberately plain.
 */
interface Baseline {

	String name();

	/** Looks up every ID once (with retries); returns what it cost besides the calls the emulator counts. */
	Run run(List<ScopedId> ids) throws InterruptedException;

	/**
	 * @param answered IDs whose two edges were both answered
	 * @param retries calls sent again after a transient or throttled answer
	 */
	record Run(int ids, int answered, long retries, double wallSeconds) {
	}
}
