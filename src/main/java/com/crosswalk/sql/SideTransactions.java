package com.crosswalk.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs writes beside the caller's transaction, each in a transaction of its own, on a pooled connection and a thread of
 * its own, so that the database works on them while the caller's own statements run. PostgreSQL serves a connection
 * with one process: a step that sends all its writes down one connection keeps one core of the server busy and leaves
 * the job waiting for it (measured: the import and the lookup recorder waited on the server for most of their time
 * while the machine had a core to spare).
 * <p>
 * What may go beside: a write to tables the caller's transaction does not touch, which is idempotent (an upsert keyed
 * on what it writes). It commits before the caller's transaction, which {@link Writes#join joins} it before its own
 * commit: a crash between the two commits leaves the side write done and the caller's checkpoint not, so the work is
 * done again and writes the same rows again. The checkpoint never runs ahead of the data.
 */
public final class SideTransactions implements AutoCloseable {

	private final TransactionTemplate transaction;

	private final ExecutorService threads;

	/**
	 * @param threads how many side writes run at once; more wait for a thread (each holds a pooled connection while
	 * it runs)
	 */
	public SideTransactions(PlatformTransactionManager transactionManager, int threads) {
		this.transaction = new TransactionTemplate(transactionManager);
		AtomicInteger number = new AtomicInteger();
		this.threads = Executors.newFixedThreadPool(threads, r -> {
			Thread thread = new Thread(r, "crosswalk-side-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Starts each write in a transaction of its own; the caller joins them before it commits its own. */
	public Writes start(Runnable... writes) {
		List<Future<?>> started = new ArrayList<>(writes.length);
		for (Runnable write : writes) {
			started.add(threads.submit(() -> transaction.executeWithoutResult(status -> write.run())));
		}
		return new Writes(started);
	}

	@Override
	public void close() {
		threads.shutdownNow();
	}

	/**
	 * Side writes under way. {@link #join} waits for them and rethrows the first failure; {@link #close} (for a
	 * try-with-resources around the caller's transaction) waits for any not joined, so that none outlives a caller
	 * that failed first.
	 */
	public static final class Writes implements AutoCloseable {

		private final List<Future<?>> started;

		private Writes(List<Future<?>> started) {
			this.started = started;
		}

		/** Waits until every write has committed; rethrows the first one's failure, after all have ended. */
		public void join() {
			RuntimeException failure = null;
			for (Future<?> write : started) {
				try {
					waitFor(write);
				}
				catch (RuntimeException e) {
					if (failure == null) {
						failure = e;
					}
				}
			}
			if (failure != null) {
				throw failure;
			}
		}

		@Override
		public void close() {
			for (Future<?> write : started) {
				try {
					waitFor(write);
				}
				catch (RuntimeException e) {
					// the caller is already failing, or has seen this through join
				}
			}
		}

		private static void waitFor(Future<?> write) {
			boolean interrupted = false;
			try {
				while (true) {
					try {
						write.get();
						return;
					}
					catch (InterruptedException e) {
						// the write holds a connection and a transaction: let it end rather than abandon it
						interrupted = true;
					}
				}
			}
			catch (ExecutionException e) {
				if (e.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (e.getCause() instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException("A side write failed: " + e.getCause(), e.getCause());
			}
			catch (CancellationException e) {
				throw new IllegalStateException("A side write was cancelled: the job is shutting down", e);
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}
}
