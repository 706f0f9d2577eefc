package com.crosswalk.job;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import com.crosswalk.input.ImportRecorder;

/**
 * Whether a run's staged input is still there to resume from. On PostgreSQL the staging table is unlogged
 * (migration V5), and a server crash or a failover empties it: a run that staged IDs and finds none left cannot
 * resume, it must import its input again. The mark lives in the import step's execution context, which commits with
 * each chunk, so it is never missing when staged rows were committed. (A chunk that rolled back may leave it set
 * without rows; such a run is then started anew instead of resumed, which loses nothing.)
 */
public final class StagedInput {

	/** Why such a run cannot resume, in the words every command uses. */
	public static final String LOST = "the database lost its staged input (PostgreSQL empties the unlogged staging"
			+ " table after a server crash or failover)";

	static final String IMPORT_STEP = "importStep";

	private static final String STAGED = "crosswalk.import.staged";

	private StagedInput() {
	}

	/** Called by the import writer for a chunk that staged at least one ID. */
	static void markStaged(StepExecution importStep) {
		importStep.getExecutionContext().putString(STAGED, "yes");
	}

	/** True when the run committed staged IDs and the staging table holds none of them any more. */
	public static boolean lost(JobRepository repository, JobInstance instance, ImportRecorder recorder) {
		StepExecution importStep = repository.getLastStepExecution(instance, IMPORT_STEP);
		return importStep != null && importStep.getExecutionContext().containsKey(STAGED)
				&& !recorder.hasStagedRows(instance.getInstanceId());
	}
}
