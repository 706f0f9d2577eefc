package com.crosswalk.metrics;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.report.RunReporter;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The run's meters. Spring Boot makes the Prometheus registry, hands it to Spring Batch (job and step observations)
 * and, when configured, pushes it to a Pushgateway. The Graph client's meters are bound by {@link RunMetrics}, not
 * as a {@code MeterBinder} bean: Boot binds those at start, which would create the client (and read the business's
 * credentials) in the commands that start lazily and need only the database (status, forget).
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	RunMetrics runMetrics(PrometheusMeterRegistry registry, GraphClient graphClient, RunReporter reporter,
			CrosswalkProperties properties, Clock clock) {
		return new RunMetrics(registry, new GraphClientMeters(graphClient), reporter, properties.outputDir(), clock);
	}
}
