package com.crosswalk.cli;

/** Process exit codes, the same for every command (see README "Exit codes"). */
public final class ExitCode {

	/** Done; every ID is resolved, or rejected with a reason. */
	public static final int OK = 0;

	/** Failed, and worth retrying: run the same command again to resume (Graph unavailable, a crash, a lock). */
	public static final int FAILED = 1;

	/** Bad configuration or usage: the message says what to fix; retrying unchanged will not help. */
	public static final int BAD_CONFIGURATION = 2;

	/** Done, but some IDs are blocked pending app review or failed authentication: see the reports. */
	public static final int DONE_WITH_BLOCKED = 3;

	private ExitCode() {
	}
}
