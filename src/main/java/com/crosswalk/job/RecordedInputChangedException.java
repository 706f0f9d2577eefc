package com.crosswalk.job;

import java.nio.file.Files;

import com.crosswalk.config.ConfigException;

/**
 * {@code resume} of a run whose input is no longer what the run started on: its file is gone or its content changed
 * (the fingerprint differs), so the rows its checkpoint counted are not the rows there now. A person must put the
 * input back or start a new run. Exit code 2.
 */
public class RecordedInputChangedException extends ConfigException {

	private RecordedInputChangedException(String message) {
		super(message);
	}

	/** Throws when the run's recorded input is not there as the run recorded it. */
	static void check(long run, InputSettings recorded, InputIdentity recordedIdentity) {
		if (recordedIdentity.fingerprint() == null) {
			return;
		}
		if (recorded.table() != null) {
			if (!recorded.identity().equals(recordedIdentity)) {
				throw new RecordedInputChangedException("run " + run + " cannot resume: it read its customer table"
						+ " through another JDBC URL than the configured " + recorded.table().url() + ". Give the run's"
						+ " --jdbc-url to resume it, or start a new run with './run.sh reconcile' and your other"
						+ " options.");
			}
			return;
		}
		if (recorded.csv() == null || !Files.isRegularFile(recorded.csv())) {
			throw new RecordedInputChangedException("run " + run + " cannot resume: its input file " + recorded.csv()
					+ " is gone. Put the file back to resume the run, or start a new run with"
					+ " './run.sh reconcile --input FILE' and your other options.");
		}
		if (!recorded.identity().equals(recordedIdentity)) {
			throw new RecordedInputChangedException("run " + run + " cannot resume: its input file " + recorded.csv()
					+ " has changed since the run started. Put the original file back to resume the run, or start a"
					+ " new run of the file as it is now with './run.sh reconcile --input " + recorded.csv()
					+ "' and your other options.");
		}
	}
}
