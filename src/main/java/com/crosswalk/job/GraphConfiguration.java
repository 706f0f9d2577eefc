package com.crosswalk.job;

import java.net.URI;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.CallBudget;
import com.crosswalk.graph.BusinessCredentialsLoader;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.graph.GraphClientConfig;

/**
 * The Graph side of the job: the business's credentials and the client, pointed either at the real Graph API or at
 * the bundled emulator started in this JVM.
 */
@Configuration(proxyBeanMethods = false)
class GraphConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Loaded once: both the credentials and the embedded emulator come from it. */
	@Bean
	EmbeddedFixture embeddedFixture(CrosswalkProperties properties) {
		CrosswalkProperties.Emulator emulator = properties.emulator();
		if (!emulator.enabled()) {
			return EmbeddedFixture.NONE;
		}
		if (emulator.fixture() == null || !emulator.fixture().toFile().isFile()) {
			throw new ConfigException("crosswalk.emulator.fixture: no fixture file at " + emulator.fixture()
					+ " — point it at an emulator fixture (see docs/emulator-fixture.md) or set crosswalk.emulator.enabled=false");
		}
		return new EmbeddedFixture(Fixture.load(emulator.fixture()));
	}

	@Bean(destroyMethod = "close")
	EmbeddedEmulator embeddedEmulator(EmbeddedFixture fixture, CrosswalkProperties properties) {
		// a manager's workers call the emulator the manager started
		if (fixture.fixture() == null || !properties.emulator().url().isBlank()) {
			return new EmbeddedEmulator(null);
		}
		EmulatorConfig config = EmulatorConfig.custom()
			.latency(properties.emulator().latency())
			.lenient(properties.emulator().lenient())
			.build();
		return new EmbeddedEmulator(GraphEmulator.start(fixture.fixture(), config));
	}

	@Bean
	BusinessCredentials businessCredentials(EmbeddedFixture fixture, CrosswalkProperties properties) {
		if (fixture.fixture() != null) {
			String configured = properties.emulator().businessId();
			String business = configured != null && !configured.isBlank() ? configured
					: fixture.fixture().businesses().get(0).id();
			return fixture.fixture().credentialsFor(business);
		}
		if (properties.businessFile() == null) {
			throw new ConfigException("crosswalk.business-file is not set: give the JSON file that lists the business's"
					+ " apps and Pages (--business-file FILE), with secrets and tokens in it or in CROSSWALK_* environment"
					+ " variables (see docs/configuration.md)");
		}
		if (!properties.businessFile().toFile().isFile()) {
			throw new ConfigException("crosswalk.business-file: no file at " + properties.businessFile()
					+ " — give the JSON file that lists the business's apps and Pages (--business-file FILE,"
					+ " see docs/configuration.md)");
		}
		return BusinessCredentialsLoader.load(properties.businessFile(), System.getenv());
	}

	@Bean(destroyMethod = "close")
	GraphClient graphClient(CrosswalkProperties properties, BusinessCredentials credentials, EmbeddedFixture fixture,
			EmbeddedEmulator emulator, Clock clock) {
		CrosswalkProperties.Graph graph = properties.graph();
		String baseUrl = emulator.running() ? emulator.baseUrl()
				: fixture.fixture() != null ? properties.emulator().url() : graph.baseUrl();
		GraphClientConfig.Builder config = GraphClientConfig.custom()
			.baseUrl(URI.create(baseUrl))
			.apiVersion(graph.apiVersion())
			.maxInFlight(graph.maxInFlight())
			.batchSize(graph.batchSize())
			.edgePageLimit(graph.edgePageLimit())
			.proofMode(graph.proofMode())
			.psidProfileFields(graph.effectivePsidProfileFields())
			.asidProfileFields(graph.effectiveAsidProfileFields())
			.targetApps(graph.targetApps())
			.targetPages(graph.targetPages())
			.maxAttempts(graph.retryMaxAttempts())
			.initialBackoff(graph.retryInitialBackoff())
			.maxBackoff(graph.retryMaxBackoff())
			.slowdownAt(graph.slowdownAt())
			.pauseAt(graph.pauseAt())
			.resumeAt(graph.resumeAt())
			.budgetShare(graph.budgetShare())
			.maxThrottleWait(graph.maxThrottleWait())
			.connectTimeout(graph.connectTimeout())
			.requestTimeout(graph.requestTimeout())
			.reviewRetryAfter(graph.reviewRetryAfter())
			.usageWindow(graph.usageWindow())
			.clock(clock);
		// 0 = no client-side budget: only the usage headers Graph sends slow the client down
		if (graph.appCallsPerHour() > 0) {
			config.appBudget(CallBudget.ofHourlyRate(graph.appCallsPerHour(), graph.usageWindow()));
		}
		if (graph.pageCallsPerHour() > 0) {
			config.pageBudget(CallBudget.ofHourlyRate(graph.pageCallsPerHour(), graph.usageWindow()));
		}
		return new GraphClient(config.build(), credentials);
	}

	/** The fixture of the embedded emulator, or none when the job talks to a real Graph API. */
	record EmbeddedFixture(Fixture fixture) {
		static final EmbeddedFixture NONE = new EmbeddedFixture(null);
	}

	/** The emulator started in this JVM for the demo, or none. */
	record EmbeddedEmulator(GraphEmulator emulator) implements AutoCloseable {

		boolean running() {
			return emulator != null;
		}

		String baseUrl() {
			return emulator.baseUrl();
		}

		@Override
		public void close() {
			if (emulator != null) {
				emulator.close();
			}
		}
	}
}
