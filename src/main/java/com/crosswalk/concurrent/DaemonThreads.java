package com.crosswalk.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that never keep the JVM alive: a run that ends (or a command that fails) exits even when a pool was not
 * shut down on its way out, so a forgotten executor costs a thread, not a hung cron job. Named, so that a thread
 * dump says whose each thread is.
 */
public final class DaemonThreads implements ThreadFactory {

	private final String name;

	private final AtomicInteger count;

	private DaemonThreads(String name, boolean numbered) {
		this.name = name;
		this.count = numbered ? new AtomicInteger() : null;
	}

	/** Every thread is called {@code name}: for single-thread executors, and pools whose threads are alike. */
	public static DaemonThreads named(String name) {
		return new DaemonThreads(name, false);
	}

	/** Threads called {@code prefix-1}, {@code prefix-2}, … in the order they start. */
	public static DaemonThreads numbered(String prefix) {
		return new DaemonThreads(prefix, true);
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, count == null ? name : name + "-" + count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}
}
