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
 * A run's identity is its input (name and content fingerprint) plus a run number. Beside them the run records how
 * its input is read ({@link InputSettings}, non-identifying), which its reader and {@code resume} use. The job has no
 * incrementer on purpose: Batch 6's {@code JobOperator.start} would then ignore these parameters.
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
	 * Runs the configured input to the end, resuming the unfinished last run when it read the same input (same file
	 * and content, or the same query) the same way, with the re-check that run was started with.
	 */
	public JobExecution run(InputSettings configured, RecheckBlocked recheck) throws Exception {
		InputIdentity input = configured.identity();
		try (RunLock lock = runLocks.acquire()) {
			recoverAbandonedExecutions();
			JobExecution unfinished = unfinishedRunOf(configured, input);
			if (unfinished != null) {
				log.info("Resuming run {} (execution {} ended {}) of input {}", runNumber(unfinished),
						unfinished.getId(), unfinished.getStatus(), input.name());
				return jobOperator.restart(unfinished);
			}
			return jobOperator.start(job, parameters(configured, input, nextRunNumber(), recheck));
		}
	}

	/**
	 * Resumes the last run if it did not complete, reading the input it recorded (whatever is configured now, which
	 * stands in only for what runs recorded before the settings were); null when there is nothing to resume.
	 *
	 * @throws RecordedInputChangedException when that input file is gone or its content changed
	 */
	public JobExecution resumeLast(InputSettings configured) throws Exception {
		try (RunLock lock = runLocks.acquire()) {
			recoverAbandonedExecutions();
			JobExecution last = lastExecution();
			if (last == null || !isResumable(last.getStatus())) {
				return null;
			}
			InputSettings recorded = InputSettings.recorded(last.getJobParameters(), configured);
			RecordedInputChangedException.check(runNumber(last), recorded,
					InputIdentity.recorded(last.getJobParameters()));
			if (StagedInput.lost(jobRepository, last.getJobInstance(), importRecorder)) {
				throw new StagedInputLostException(runNumber(last));
			}
			if (configured.name() != null && !configured.name().equals(recorded.name())) {
				log.warn("Resuming run {} reads its own input {}, not the configured {}", runNumber(last),
						recorded.name(), configured.name());
			}
			log.info("Resuming run {} (execution {} ended {}) of input {}", runNumber(last), last.getId(),
					last.getStatus(), recorded.name());
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

	private JobExecution unfinishedRunOf(InputSettings configured, InputIdentity input) {
		JobExecution last = lastExecution();
		if (last == null || !isResumable(last.getStatus())) {
			return null;
		}
		JobParameters params = last.getJobParameters();
		if (!input.equals(InputIdentity.recorded(params))) {
			log.warn("The last run (execution {}) did not finish but read another input ({}); starting a new run",
					last.getId(), InputIdentity.recorded(params).name());
			return null;
		}
		InputSettings recorded = InputSettings.recorded(params, configured);
		if (!recorded.equals(configured)) {
			// a run's checkpoint counts rows as it read them: resuming it with another layout or delimiter would skip
			// the wrong rows, and a run that failed on its settings (a wrong delimiter) must be able to start again
			log.warn("The last run (execution {}) did not finish but read this input with other settings ({});"
					+ " starting a new run with the configured ones ({})", last.getId(), recorded, configured);
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

	private static JobParameters parameters(InputSettings settings, InputIdentity input, long run,
			RecheckBlocked recheck) {
		JobParametersBuilder builder = new JobParametersBuilder();
		input.addTo(builder);
		builder.addLong("run", run);
		settings.addTo(builder);
		if (recheck.any()) {
			builder.addString(RECHECK_BLOCKED, recheck.text(), false);
		}
		return builder.toJobParameters();
	}
}
