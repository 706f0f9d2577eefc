package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.config.CrosswalkProperties.Jdbc;
import com.crosswalk.config.CrosswalkProperties.Wide;

/** What a run records about how it reads its input, and what it reads back. */
class InputSettingsTest {

	private static final Wide WIDE = new Wide("psid", "page_id", "asid", "app_id");

	private static final Jdbc NO_TABLE = new Jdbc(null, null, null, null, null, 1000);

	@Test
	void aRunReadsBackTheSettingsItStartedWithWhateverIsConfiguredNow() {
		InputSettings started = InputSettings.configured(csv(Path.of("exports/big.csv"), ";", "wide", "crm_key"));
		JobParameters parameters = parameters(started, new InputIdentity(started.name(), "f1"));

		InputSettings now = InputSettings.configured(csv(Path.of("sample-data/customers.csv"), ",", "long",
				"customer_id"));
		InputSettings recorded = InputSettings.recorded(parameters, now);

		assertThat(recorded).isEqualTo(started);
		assertThat(recorded.csv()).isEqualTo(Path.of("exports/big.csv").toAbsolutePath().normalize());
		assertThat(recorded.delimiter()).isEqualTo(";");
	}

	@Test
	void onlyTheInputItsFingerprintAndTheRunNumberIdentifyARun() {
		InputSettings settings = InputSettings.configured(csv(Path.of("big.csv"), ",", "long", "customer_id"));
		JobParameters parameters = parameters(settings, new InputIdentity(settings.name(), "f1"));

		assertThat(parameters.getIdentifyingParameters()).extracting(JobParameter::name)
			.containsExactlyInAnyOrder("input", "fingerprint", "run");
		assertThat(parameters.parameters()).extracting(JobParameter::name)
			.contains("input.csv", "input.layout", "input.delimiter", "input.customer-column",
					"input.wide.psid-column");
	}

	@Test
	void aTableIsRecordedWithoutItsPasswordAndAUrlThatCarriesOneIsNotRecordedAtAll() {
		InputSettings plain = InputSettings.configured(table("jdbc:postgresql://crm:5432/crm", "s3cret"));
		JobParameters plainParameters = parameters(plain, plain.identity());
		assertThat(plainParameters.toString()).doesNotContain("s3cret");
		assertThat(InputSettings.recorded(plainParameters, InputSettings.configured(csv(null, ",", "long", "c"))))
			.isEqualTo(plain);

		InputSettings withPassword = InputSettings.configured(table("jdbc:postgresql://crm/crm?password=s3cret", null));
		JobParameters parameters = parameters(withPassword, withPassword.identity());
		assertThat(parameters.toString()).doesNotContain("s3cret");
		assertThat(withPassword.toString()).doesNotContain("s3cret");
		// the configured URL stands in; resume checks it against the run's fingerprint
		assertThat(InputSettings.recorded(parameters, withPassword)).isEqualTo(withPassword);
	}

	@Test
	void aRunRecordedBeforeItsSettingsReadsTheFileItsInputParameterNamesAndTheRestAsConfigured() {
		JobParameters older = new JobParametersBuilder().addString("input", "/data/big.csv")
			.addString("fingerprint", "f1")
			.addLong("run", 1L)
			.toJobParameters();
		InputSettings now = InputSettings.configured(csv(Path.of("sample-data/customers.csv"), "|", "long", "key"));

		InputSettings recorded = InputSettings.recorded(older, now);

		assertThat(recorded.csv()).isEqualTo(Path.of("/data/big.csv"));
		assertThat(recorded.table()).isNull();
		assertThat(recorded.delimiter()).isEqualTo("|");
		assertThat(recorded.customerColumn()).isEqualTo("key");
	}

	private static JobParameters parameters(InputSettings settings, InputIdentity identity) {
		JobParametersBuilder builder = new JobParametersBuilder();
		identity.addTo(builder);
		builder.addLong("run", 1L);
		settings.addTo(builder);
		return builder.toJobParameters();
	}

	private static CrosswalkProperties.Input csv(Path file, String delimiter, String layout, String customerColumn) {
		return new CrosswalkProperties.Input(file, delimiter, layout, customerColumn, WIDE, NO_TABLE, null);
	}

	private static CrosswalkProperties.Input table(String url, String password) {
		return new CrosswalkProperties.Input(null, ",", "long", "customer_id", WIDE,
				new Jdbc(url, "reader", password, "SELECT * FROM customers", "row_id", 1000), null);
	}
}
