package com.crosswalk.job;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.crosswalk.input.ImportRecorder;
import com.crosswalk.lookup.RecheckBlocked;

/**
 * Starts the reconcile job the way a cron line or an operator expects: the same command after a crash or a
 * failure resumes the unfinished run from its last committed chunk; otherwise it starts a new run.
 * <p>
 * A run's identity is its input (name and content fingerprint) plus a run number. The job has no incrementer on
 * purpose: Batch 6's {@code JobOperator.start} would then ignore these parameters.
 */
public class ReconcileLauncher {

	/**
	 * Job parameter: the scopes a run re-checks ({@link RecheckBlocked#text}). Not identifying, and a resumed run
	 * keeps its own, so it plans as the killed run did whatever the resuming command says.
	 */
	public static final String RECHECK_BLOCKED = "recheck_blocked";

	private static final Logger log = LoggerFactory.getLogger(ReconcileLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final RunLocks runLocks;

	private final ImportRecorder importRecorder;

	public ReconcileLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, RunLocks runLocks,
			ImportRecorder importRecorder) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.runLocks = runLocks;
		this.importRecorder = importRecorder;
	}

	/**
	 * Runs to the end (resuming an unfinished run of the same input when there is one, with the re-check that run
	 * was started with).
	 */
	public JobExecution run(InputIdentity input, RecheckBlocked recheck) throws Exception {
		try (RunLock lock = runLocks.acquire()) {
			recoverAbandonedExecutions();
			JobExecution unfinished = unfinishedRunOf(input);
			if (unfinished != null) {
				log.info("Resuming run {} (execution {} ended {}) of input {}", runNumber(unfinished),
						unfinished.getId(), unfinished.getStatus(), input.name());
				return jobOperator.restart(unfinished);
			}
			return jobOperator.start(job, parameters(input, nextRunNumber(), recheck));
		}
	}

	/** Resumes the last run if it did not complete, whatever its input; null when there is nothing to resume. */
	public JobExecution resumeLast() throws Exception {
		try (RunLock lock = runLocks.acquire()) {
			recoverAbandonedExecutions();
			JobExecution last = lastExecution();
			if (last == null || !isResumable(last.getStatus())) {
				return null;
			}
			if (StagedInput.lost(jobRepository, last.getJobInstance(), importRecorder)) {
				throw new StagedInputLostException(runNumber(last));
			}
			return jobOperator.restart(last);
		}
	}

	/**
	 * Executions still marked STARTED while this process holds the run lock belong to a process that died; Batch 6's
	 * recover marks them FAILED so they can be restarted.
	 */
	private void recoverAbandonedExecutions() {
		for (JobExecution running : jobRepository.findRunningJobExecutions(job.getName())) {
			log.warn("Execution {} was left {} by a process that stopped; marking it FAILED so it can resume",
					running.getId(), running.getStatus());
			jobOperator.recover(running);
		}
	}

	private JobExecution unfinishedRunOf(InputIdentity input) {
		JobExecution last = lastExecution();
		if (last == null || !isResumable(last.getStatus())) {
			return null;
		}
		JobParameters params = last.getJobParameters();
		boolean sameInput = input.name().equals(params.getString("input"))
				&& input.fingerprint().equals(params.getString("fingerprint"));
		if (!sameInput) {
			log.warn("The last run (execution {}) did not finish but read another input ({}); starting a new run",
					last.getId(), params.getString("input"));
			return null;
		}
		if (StagedInput.lost(jobRepository, last.getJobInstance(), importRecorder)) {
			log.warn("Run {} cannot resume: {}; starting a new run of input {}", runNumber(last), StagedInput.LOST,
					input.name());
			return null;
		}
		return last;
	}

	/** The last execution, its loose ends tied ({@link #settle}). */
	private JobExecution lastExecution() {
		JobInstance instance = jobRepository.getLastJobInstance(job.getName());
		JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
		if (last != null && !last.isRunning()) {
			settle(last);
		}
		return last;
	}

	/**
	 * When the database goes away under a run, Spring Batch cannot record how it ended: the execution may end
	 * UNKNOWN (a commit failed without saying whether it happened), or FAILED with its step still marked STARTED.
	 * Batch refuses to restart either, for good, though this job can: each step keeps its checkpoint in the
	 * transaction of its work and writes by key, so a commit that happened is found done and one that did not is
	 * redone, as after a kill at that moment (the crash tests kill every step and resume). Such an execution and its
	 * steps are marked FAILED; the run lock guarantees no other process is running them.
	 */
	private void settle(JobExecution execution) {
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
				log.warn("Step {} of execution {} was left {} when the run lost its database; marking it FAILED so the"
						+ " run can resume from its last checkpoint", step.getStepName(), execution.getId(),
						step.getStatus());
				step.setStatus(BatchStatus.FAILED);
				jobRepository.update(step);
			}
		}
		if (execution.getStatus() == BatchStatus.UNKNOWN) {
			log.warn("Execution {} ended UNKNOWN (a commit failed and its outcome is unknown): marking it FAILED so the"
					+ " run can resume from its last checkpoint", execution.getId());
			execution.setStatus(BatchStatus.FAILED);
			jobRepository.update(execution);
		}
	}

	private long nextRunNumber() {
		List<JobInstance> last = jobRepository.getJobInstances(job.getName(), 0, 1);
		if (last.isEmpty()) {
			return 1;
		}
		JobExecution execution = jobRepository.getLastJobExecution(last.get(0));
		return execution == null ? 1 : runNumber(execution) + 1;
	}

	private static long runNumber(JobExecution execution) {
		Long run = execution.getJobParameters().getLong("run");
		return run == null ? 0 : run;
	}

	private static boolean isResumable(BatchStatus status) {
		return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
	}

	private static JobParameters parameters(InputIdentity input, long run, RecheckBlocked recheck) {
		JobParametersBuilder parameters = new JobParametersBuilder()
				.addString("input", input.name())
				.addString("fingerprint", input.fingerprint())
				.addLong("run", run);
		if (recheck.any()) {
			parameters.addString(RECHECK_BLOCKED, recheck.text(), false);
		}
		return parameters.toJobParameters();
	}
}
