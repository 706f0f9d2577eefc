package com.crosswalk.workers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

import com.crosswalk.concurrent.DaemonThreads;
import com.crosswalk.job.PartitionState;

/**
 * Watches a pass's partitions while workers run them. It tells the pass's progress line what each partition has
 * recorded (the manager hears no chunk of another JVM), and fails stalled partitions: one whose worker's heartbeat
 * is older than the stall-after age (the worker was killed, hangs, or lost the database) is marked FAILED in the job repository, so
 * the manager stops waiting for it, the pass fails once its other partitions are done, and the same command resumes
 * the partitions that did not finish. Without any live worker, partitions nobody took fail the same way.
 */
final class PartitionWatch implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PartitionWatch.class);

	private static final Duration MOST_BETWEEN_CHECKS = Duration.ofSeconds(5);


	private final JobRepository jobRepository;

	private final WorkerHeartbeats heartbeats;

	private final Duration stallAfter;

	private final Clock clock;

	private final ChunkListener<?, ?> progress;

	/** How long a pass waits for a first live worker before it fails the partitions nobody took. */
	private final Duration firstWorkerWithin;

	private ScheduledExecutorService watch;

	PartitionWatch(JobRepository jobRepository, WorkerHeartbeats heartbeats, Duration stallAfter,
			Duration firstWorkerWithin, Clock clock, ChunkListener<?, ?> progress) {
		this.progress = progress;
		this.firstWorkerWithin = firstWorkerWithin;
		this.jobRepository = jobRepository;
		this.heartbeats = heartbeats;
		this.stallAfter = stallAfter;
		this.clock = clock;
	}

	/** Until when partitions nobody took may wait for a worker: later while workers are seen alive. */
	private volatile Instant waitForWorkersUntil;

	@Override
	public void beforeStep(StepExecution pass) {
		waitForWorkersUntil = clock.instant().plus(firstWorkerWithin);
		Duration every = stallAfter.dividedBy(4).compareTo(MOST_BETWEEN_CHECKS) < 0 ? stallAfter.dividedBy(4)
				: MOST_BETWEEN_CHECKS;
		watch = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("crosswalk-partition-watch"));
		watch.scheduleWithFixedDelay(() -> check(pass), every.toMillis(), every.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public ExitStatus afterStep(StepExecution pass) {
		watch.shutdownNow();
		try {
			watch.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	private void check(StepExecution pass) {
		try {
			JobExecution execution = jobRepository.getJobExecution(pass.getJobExecutionId());
			Set<String> alive = heartbeats.alive(stallAfter);
			Instant now = clock.instant();
			if (!alive.isEmpty() && now.plus(stallAfter).isAfter(waitForWorkersUntil)) {
				waitForWorkersUntil = now.plus(stallAfter);
			}
			boolean nobodyCame = alive.isEmpty() && now.isAfter(waitForWorkersUntil);
			for (StepExecution partition : execution.getStepExecutions()) {
				// this pass's partitions: the passes run one after another, each splitting after its own start
				if (partition.getId() < pass.getId() || PartitionState.partitionOf(partition).isEmpty()) {
					continue;
				}
				progress.afterChunk(new ChunkContext(new StepContext(partition)));
				if (!partition.getStatus().isRunning()) {
					continue;
				}
				Optional<String> worker = PartitionState.workerOf(partition);
				if (worker.isPresent() && !alive.contains(worker.get())) {
					fail(pass, partition, "the worker " + worker.get() + " that ran it stopped answering (no heartbeat"
							+ " for " + seconds(stallAfter) + ")");
				}
				else if (worker.isEmpty() && nobodyCame) {
					fail(pass, partition, "no worker took it (none has been running for " + seconds(stallAfter)
							+ "): start workers with './run.sh worker --broker URL --db-url URL' and run the same"
							+ " command again, or run it with --workers N");
				}
			}
		}
		catch (RuntimeException ex) {
			// the next check tries again; a database that went away fails the run elsewhere
			log.warn("Could not check the lookup's workers: {}", ex.toString());
		}
	}

	private void fail(StepExecution pass, StepExecution partition, String why) {
		String message = "A lookup partition (" + PartitionState.partitionOf(partition).orElseThrow().label()
				+ ") failed: " + why;
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription(message));
		partition.setEndTime(LocalDateTime.now(clock));
		try {
			jobRepository.update(partition);
		}
		catch (OptimisticLockingFailureException racing) {
			// its worker wrote it since it was read: alive after all, or the next check finds it again
			return;
		}
		log.warn(message);
		pass.addFailureException(new WorkerStoppedException(message));
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}
}
