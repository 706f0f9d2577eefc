package com.crosswalk.workers;

/** A worker stopped (killed, hung, cut off) in the middle of partitions: the same command resumes them. */
public class WorkerStoppedException extends RuntimeException {

	public WorkerStoppedException(String message) {
		super(message);
	}
}
