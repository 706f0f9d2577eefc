package com.crosswalk.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What makes two runs "the same input": a CSV file's path and a hash of its content, or a customer-table query.
 * A changed file is a new run; an unchanged one resumes an unfinished run.
 */
public record InputIdentity(String name, String fingerprint) {

	/** The job parameters that hold a run's identity (with its run number). */
	static final String NAME_PARAMETER = "input";

	static final String FINGERPRINT_PARAMETER = "fingerprint";

	/** The start of a table input's name; a file's name is its absolute path. */
	static final String TABLE_PREFIX = "jdbc:";

	/** The identity a run was started with. */
	public static InputIdentity recorded(JobParameters parameters) {
		return new InputIdentity(parameters.getString(NAME_PARAMETER), parameters.getString(FINGERPRINT_PARAMETER));
	}

	void addTo(JobParametersBuilder builder) {
		builder.addString(NAME_PARAMETER, name).addString(FINGERPRINT_PARAMETER, fingerprint);
	}

	public static InputIdentity ofFile(Path csv) {
		try (InputStream in = Files.newInputStream(csv)) {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				sha.update(buffer, 0, n);
			}
			return new InputIdentity(csv.toAbsolutePath().normalize().toString(),
					HexFormat.of().formatHex(sha.digest()).substring(0, 32));
		}
		catch (IOException e) {
			throw new IllegalArgumentException("Cannot read the input file " + csv + ": " + e.getMessage(), e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A table has no content hash worth computing up front; its query names it. */
	public static InputIdentity ofQuery(String jdbcUrl, String query) {
		return new InputIdentity(TABLE_PREFIX + query, Integer.toHexString((jdbcUrl + "\n" + query).hashCode()));
	}
}
