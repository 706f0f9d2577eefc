package com.crosswalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.id.IdType;
import com.crosswalk.identity.MergeGuards;
import com.crosswalk.input.JdbcQuery;

/** One set of defaults: the Graph client's tests run on the values production runs on. */
class DefaultsTest {

	@Test
	void unsetGraphSettingsAreTheGraphClientsDefaults() {
		CrosswalkProperties.Graph job = unset().graph();
		GraphClientConfig client = GraphClientConfig.ofDefaults();

		assertThat(job.baseUrl()).isEqualTo(client.baseUrl().toString());
		assertThat(job.apiVersion()).isEqualTo(client.apiVersion());
		assertThat(job.connectTimeout()).isEqualTo(client.connectTimeout());
		assertThat(job.requestTimeout()).isEqualTo(client.requestTimeout());
		assertThat(job.maxInFlight()).isEqualTo(client.maxInFlight());
		assertThat(job.batchSize()).isEqualTo(client.batchSize());
		assertThat(job.edgePageLimit()).isEqualTo(client.edgePageLimit());
		assertThat(job.proofMode()).isEqualTo(client.proofMode());
		assertThat(job.effectivePsidProfileFields()).isEqualTo(client.profileFields(IdType.PSID));
		assertThat(job.effectiveAsidProfileFields()).isEqualTo(client.profileFields(IdType.ASID));
		assertThat(job.targetApps()).containsExactlyInAnyOrderElementsOf(client.targetApps());
		assertThat(job.targetPages()).containsExactlyInAnyOrderElementsOf(client.targetPages());
		assertThat(job.retryMaxAttempts()).isEqualTo(client.maxAttempts());
		assertThat(job.retryInitialBackoff()).isEqualTo(client.initialBackoff());
		assertThat(job.retryMaxBackoff()).isEqualTo(client.maxBackoff());
		assertThat(job.appCallsPerHour()).as("no app budget").isZero();
		assertThat(client.appBudget()).isEmpty();
		assertThat(job.pageCallsPerHour()).as("no Page budget").isZero();
		assertThat(client.pageBudget()).isEmpty();
		assertThat(job.usageWindow()).isEqualTo(client.usageWindow());
		assertThat(job.slowdownAt()).isEqualTo(client.slowdownAt());
		assertThat(job.pauseAt()).isEqualTo(client.pauseAt());
		assertThat(job.resumeAt()).isEqualTo(client.resumeAt());
		assertThat(job.budgetShare()).isEqualTo(client.budgetShare());
		assertThat(job.maxThrottleWait()).isEqualTo(client.maxThrottleWait());
		assertThat(job.reviewRetryAfter()).isEqualTo(client.reviewRetryAfter());
	}

	@Test
	void theDefaultsAreTheValuesProductionRanOn() {
		GraphClientConfig client = GraphClientConfig.ofDefaults();

		assertThat(client.connectTimeout()).hasSeconds(5);
		assertThat(client.requestTimeout()).hasSeconds(30);
		assertThat(client.maxAttempts()).isEqualTo(5);
		assertThat(client.initialBackoff()).hasMillis(200);
		assertThat(client.maxBackoff()).hasSeconds(10);
	}

	@Test
	void unsetIdentityAndJdbcSettingsAreTheirComponentsDefaults() {
		assertThat(unset().identity().maxIdsPerPerson()).isEqualTo(MergeGuards.builder().build().maxIdsPerPerson());
		assertThat(unset().input().jdbc().fetchSize()).isEqualTo(JdbcQuery.of("SELECT 1").fetchSize());
	}

	/** config/application.yml lists every default: a value there that differs would quietly become the default. */
	@Test
	void theShippedConfigurationListsTheDefaults() throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("shipped",
				new FileSystemResource("config/application.yml"));
		CrosswalkProperties shipped = new Binder(ConfigurationPropertySources.from(sources))
			.bind("crosswalk", CrosswalkProperties.class)
			.get();
		CrosswalkProperties unset = unset();

		assertThat(shipped.graph()).isEqualTo(unset.graph());
		assertThat(shipped.lookup()).isEqualTo(unset.lookup());
		assertThat(shipped.identity()).isEqualTo(unset.identity());
		assertThat(shipped.runLock()).isEqualTo(unset.runLock());
		assertThat(shipped.workers()).isEqualTo(unset.workers());
		assertThat(shipped.input().delimiter()).as("unset: detected from the header").isNull();
	}

	private static CrosswalkProperties unset() {
		return new Binder(List.of()).bindOrCreate("crosswalk", CrosswalkProperties.class);
	}
}
