package com.crosswalk.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;

import com.crosswalk.concurrent.DaemonThreads;
import com.crosswalk.job.PartitionState;

/**
 * A worker JVM's loop: each of its slots takes one partition request off the broker's queue, runs the partition's
 * step (the same worker step a single JVM runs) and takes the next. A request is acknowledged as it is taken, so a
 * partition whose worker dies is not handed to another worker behind the manager's back: the manager finds it by the
 * worker's stale heartbeat, fails it, and the same command resumes it.
 */
public final class PartitionWorker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

	/**
	 * Fixed, not derived from this worker's settings: a manager judges the heartbeat by its own stall-after age, which
	 * may be shorter than the worker's. One row update a second is nothing to the database.
	 */
	static final Duration HEARTBEAT = Duration.ofSeconds(1);

	/** How long stopping waits for the partitions under way to give up, all slots together. */
	private static final Duration STOP_WITHIN = Duration.ofSeconds(15);

	private final JmsTemplate jms;

	private final StepExecutionRequestHandler handler;

	private final WorkerHeartbeats heartbeats;

	private final JobRepository jobRepository;

	private final RunShares shares;

	private final int slots;

	private final String brokerUrl;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private ScheduledExecutorService heartbeat;

	PartitionWorker(JmsTemplate jms, StepExecutionRequestHandler handler, JobRepository jobRepository,
			WorkerHeartbeats heartbeats, RunShares shares, int slots, String brokerUrl) {
		this.jms = jms;
		this.jobRepository = jobRepository;
		this.shares = shares;
		this.handler = handler;
		this.heartbeats = heartbeats;
		this.slots = slots;
		this.brokerUrl = brokerUrl;
	}

	/** Takes partitions until {@link #close}; returns then. */
	public void serve() throws InterruptedException {
		heartbeats.forgetLongStopped();
		heartbeats.beat(PartitionState.THIS_PROCESS);
		heartbeat = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("crosswalk-worker-heartbeat"));
		heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
		for (int i = 0; i < slots; i++) {
			Thread slot = new Thread(this::takePartitions, "crosswalk-worker-" + (i + 1));
			threads.add(slot);
			slot.start();
		}
		log.info("Worker {} takes lookup partitions from {}, {} at once", PartitionState.THIS_PROCESS, brokerUrl,
				slots);
		stopped.await();
	}

	private void takePartitions() {
		while (running) {
			try {
				Object request = jms.receiveAndConvert(PartitionRequests.QUEUE);
				if (request instanceof StepExecutionRequest partition) {
					run(partition);
				}
			}
			catch (JmsException ex) {
				if (!running) {
					return;
				}
				log.warn("The broker at {} did not answer ({}); trying again in {} s", brokerUrl, ex.getMessage(),
						RECONNECT_AFTER.toSeconds());
				try {
					Thread.sleep(RECONNECT_AFTER.toMillis());
				}
				catch (InterruptedException interrupted) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// the step records its own failure; this is the worker's bookkeeping around it
				log.error("A lookup partition's request failed: {}", ex.toString(), ex);
			}
		}
	}

	private void run(StepExecutionRequest partition) {
		StepExecution step = jobRepository.getStepExecution(partition.getStepExecutionId());
		if (step == null) {
			log.warn("No step execution {} in the job repository: a request of another database's run?",
					partition.getStepExecutionId());
			return;
		}
		JobExecution run = jobRepository.getJobExecution(step.getJobExecutionId());
		if (step.getStatus() != BatchStatus.STARTING || run == null || !run.isRunning()) {
			// a request left in the broker by a run that failed (its partitions failed unstarted, by the manager's
			// watch): running it would mark the step STARTED again, and Spring Batch refuses to restart a run with a
			// step still running. The run's next start sends its own.
			log.info("Skipping {} of execution {}: the partition is {} and its run {}", step.getStepName(),
					step.getJobExecutionId(), step.getStatus(), run == null ? "gone" : run.getStatus());
			return;
		}
		shares.partitionStarts(step.getJobExecutionId());
		log.info("Running {} of execution {}", step.getStepName(), step.getJobExecutionId());
		StepExecution ran = handler.handle(partition);
		shares.partitionEnded(step.getJobExecutionId());
		log.info("{} ended {}", ran.getStepName(), ran.getStatus());
	}

	private void beat() {
		try {
			heartbeats.beat(PartitionState.THIS_PROCESS);
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh this worker's heartbeat: {}", ex.toString());
		}
	}

	/**
	 * Stops taking partitions; a partition under way is interrupted (its unrecorded answers are looked up again when
	 * the run resumes it).
	 */
	@Override
	public void close() throws InterruptedException {
		running = false;
		threads.forEach(Thread::interrupt);
		// one deadline for all slots: a slot stuck on a database that is gone too waits out the pool's timeouts, and
		// waiting for each in turn kept an orphaned 8-slot worker alive for minutes
		long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
		for (Thread thread : threads) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left > 0) {
				thread.join(left);
			}
		}
		if (heartbeat != null) {
			heartbeat.shutdownNow();
			heartbeats.remove(PartitionState.THIS_PROCESS);
		}
		stopped.countDown();
	}
}
