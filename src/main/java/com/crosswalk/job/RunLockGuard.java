package com.crosswalk.job;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Before each chunk of every step (each tasklet iteration, each import chunk) checks that this process still holds
 * the run lock: a run whose lock another process took over stops with {@link RunLock.RunLockLostException} instead of
 * writing beside it. The check is before the chunk's work, not inside its transaction: at most the chunk under way
 * when the lock was taken can still commit.
 * <p>
 * The check reads the lock's row in a transaction of its own, as every read in a lookup partition's iteration must
 * (why: {@code ReconcileJobConfiguration#lookupWorkerStep}; measured: 8 partitions, a pool of 8, a 30 s wait, the run
 * failed).
 */
final class RunLockGuard implements ChunkListener<Object, Object> {

	private final RunLocks runLocks;

	private final TransactionTemplate ownTransaction;

	RunLockGuard(RunLocks runLocks, PlatformTransactionManager transactionManager) {
		this.runLocks = runLocks;
		this.ownTransaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public void beforeChunk(ChunkContext context) {
		ownTransaction.executeWithoutResult(status -> runLocks.ensureHeld());
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		ownTransaction.executeWithoutResult(status -> runLocks.ensureHeld());
	}
}
