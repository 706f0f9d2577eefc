package com.crosswalk.sql;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.concurrent.DaemonThreads;

/**
 * Runs a write beside the caller's transaction, in a transaction of its own, on a pooled connection and a thread of
 * its own, so that the database works on it while the caller's own statements run. PostgreSQL serves a connection
 * with one process: a step that sends all its writes down one connection keeps one core of the server busy and leaves
 * the job waiting for it (measured: the import and the lookup recorder waited on the server for most of their time
 * while the machine had a core to spare).
 * <p>
 * What may go beside: a write to tables the caller's transaction does not touch, which is idempotent (upserts keyed
 * on what they write). It commits before the caller's transaction, which {@link Write#join joins} it before its own
 * commit: a crash between the two commits leaves the side write done and the caller's checkpoint not, so the work is
 * done again and writes the same rows again. The checkpoint never runs ahead of the data.
 */
public final class SideTransactions implements AutoCloseable {

	private final TransactionTemplate transaction;

	/** One thread: the import and the lookup, the two callers, never run at once. */
	private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("crosswalk-side"));

	public SideTransactions(PlatformTransactionManager transactionManager) {
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** Starts the write in a transaction of its own; the caller joins it before it commits its own. */
	public Write start(Runnable write) {
		return new Write(thread.submit(() -> transaction.executeWithoutResult(status -> write.run())));
	}

	@Override
	public void close() {
		thread.shutdownNow();
	}

	/**
	 * A side write under way. {@link #join} waits for it and rethrows its failure; {@link #close} (for a
	 * try-with-resources around the caller's transaction) waits for it if it was not joined, so that it never outlives
	 * a caller that failed first.
	 */
	public static final class Write implements AutoCloseable {

		private final Future<?> future;

		private Write(Future<?> future) {
			this.future = future;
		}

		/** Waits until the write has committed; rethrows its failure. */
		public void join() {
			boolean interrupted = false;
			try {
				while (true) {
					try {
						future.get();
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

		@Override
		public void close() {
			try {
				join();
			}
			catch (RuntimeException e) {
				// the caller is already failing, or has seen this through join
			}
		}
	}
}
