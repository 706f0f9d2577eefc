package com.crosswalk.job;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Before each chunk of every step (each tasklet iteration, each import chunk) checks that this process still holds
 * the run lock: a run whose lock another process took over stops with {@link RunLock.RunLockLostException} instead of
 * writing beside it. The check is before the chunk's work, not inside its transaction: at most the chunk under way
 * when the lock was taken can still commit.
 */
final class RunLockGuard implements ChunkListener<Object, Object> {

	private final RunLocks runLocks;

	RunLockGuard(RunLocks runLocks) {
		this.runLocks = runLocks;
	}

	@Override
	public void beforeChunk(ChunkContext context) {
		runLocks.ensureHeld();
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		runLocks.ensureHeld();
	}
}
