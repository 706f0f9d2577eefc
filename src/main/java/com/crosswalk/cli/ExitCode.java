package com.crosswalk.cli;

/** Process exit codes, the same for every command (see README "Exit codes"). */
public final class ExitCode {

	/** Done; every ID is resolved, or rejected with a reason. */
	public static final int OK = 0;

	/**
	 * Failed, and worth retrying (a cron wrapper retries later): run the same command again. The Graph API unreachable
	 * or not answering at start (no route, DNS failure, connection refused, request timeout), IDs left unavailable
	 * (every scope throttled past {@code max-throttle-wait}, or transient faults past the retries), a crash or a
	 * failed step (resumes from its last chunk), another run holding the database.
	 */
	public static final int FAILED = 1;

	/**
	 * A person must fix something; retrying unchanged will not help, and the one-line message says what: credentials
	 * (a dead token, a wrong secret, an app of another business), configuration or usage (a missing property, an
	 * unknown option, a scope to re-check that is not blocked, an unreachable job database), input (an unreadable
	 * header or file).
	 */
	public static final int BAD_CONFIGURATION = 2;

	/** Done, but some IDs are blocked pending app review or failed authentication: see the reports. */
	public static final int DONE_WITH_BLOCKED = 3;

	private ExitCode() {
	}
}
