package com.crosswalk.job;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Before each chunk of every step (each tasklet iteration, each import chunk) checks that the run may go on writing:
 * this process still holds the run lock, and the disk under an H2 file keeps its floor ({@link H2DiskFloor}). A run
 * whose lock another process took over stops with {@link RunLock.RunLockLostException} instead of writing beside it;
 * a run short of disk stops with {@link DiskFloorReachedException} before H2 fails mid-write. The checks are before
 * the chunk's work, not inside its transaction: at most the chunk under way can still commit.
 * <p>
 * The lock check reads the lock's row in a transaction of its own, as every read in a lookup partition's iteration
 * must (why: {@code ReconcileJobConfiguration#lookupWorkerStep}; measured: 8 partitions, a pool of 8, a 30 s wait,
 * the run failed).
 */
final class WriteGuard implements ChunkListener<Object, Object> {

	private final RunLocks runLocks;

	private final H2DiskFloor diskFloor;

	private final TransactionTemplate ownTransaction;

	WriteGuard(RunLocks runLocks, H2DiskFloor diskFloor, PlatformTransactionManager transactionManager) {
		this.runLocks = runLocks;
		this.diskFloor = diskFloor;
		this.ownTransaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public void beforeChunk(ChunkContext context) {
		check();
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		check();
	}

	private void check() {
		ownTransaction.executeWithoutResult(status -> runLocks.ensureHeld());
		diskFloor.ensureRoom();
	}
}
