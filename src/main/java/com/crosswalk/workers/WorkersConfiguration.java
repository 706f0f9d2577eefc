package com.crosswalk.workers;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.JmsException;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.lookup.ScopeSlicing;
import com.crosswalk.job.PassPartitioning;
import com.crosswalk.report.RunGraphMetrics;
import com.crosswalk.sql.Database;

import jakarta.jms.ConnectionFactory;

/**
 * Where the lookup's partitions run (one property: crosswalk.workers.count or broker-url chooses workers), and the
 * messaging both sides of remote partitioning use.
 */
@Configuration(proxyBeanMethods = false)
class WorkersConfiguration {

	private static final long RECEIVE_TIMEOUT_MILLIS = 1000;

	private static final Duration LOCAL_WORKERS_START_WITHIN = Duration.ofMinutes(2);

	@Bean
	PassPartitioning passPartitioning(CrosswalkProperties properties, Database database, JmsTemplate partitionJms,
			WorkerHeartbeats heartbeats, Clock clock) {
		CrosswalkProperties.Workers workers = properties.workers();
		if (!workers.distributed()) {
			return PassPartitioning.inThisJvm();
		}
		if (database != Database.POSTGRESQL) {
			throw new ConfigException("crosswalk.workers: workers share the job's database, and an H2 file opens in one"
					+ " process only: give a PostgreSQL database (--db-url jdbc:postgresql://host/db), or run without"
					+ " --workers (crosswalk.workers.count=0, no broker-url)");
		}
		DirectChannel requests = new DirectChannel();
		requests.subscribe(message -> {
			try {
				partitionJms.convertAndSend(PartitionRequests.QUEUE, message.getPayload());
			}
			catch (JmsException ex) {
				throw new BrokerUnreachableException(workers.brokerForLogs(), ex);
			}
		});
		// workers started by hand may come a little after the manager; the JVMs it starts itself, on a busy machine,
		// take their time
		Duration firstWorkerWithin = workers.stallAfter().multipliedBy(4);
		if (workers.count() > 0 && firstWorkerWithin.compareTo(LOCAL_WORKERS_START_WITHIN) < 0) {
			firstWorkerWithin = LOCAL_WORKERS_START_WITHIN;
		}
		return new RemotePassPartitioning(requests, heartbeats, workers.stallAfter(), firstWorkerWithin, clock);
	}

	/** The run's Graph calls: this process's client's, and its workers' as they recorded them. */
	@Bean
	RunGraphMetrics runGraphMetrics(GraphClient graphClient, WorkerGraphCalls workerCalls) {
		return executionId -> graphClient.metrics().plus(workerCalls.of(executionId));
	}

	@Bean
	WorkerGraphCalls workerGraphCalls(JdbcTemplate jdbc) {
		return new WorkerGraphCalls(jdbc);
	}

	@Bean
	WorkerHeartbeats workerHeartbeats(JdbcTemplate jdbc, Clock clock) {
		return new WorkerHeartbeats(jdbc, clock);
	}

	/**
	 * The broker's connections; nothing connects until a message is sent or received. A consumer takes a request only
	 * when it asks for one (no window of prefetched requests), so an idle worker is never kept waiting by a busy one.
	 */
	@Bean
	ConnectionFactory connectionFactory(CrosswalkProperties properties) {
		ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(properties.workers().effectiveBrokerUrl());
		factory.setConsumerWindowSize(0);
		return factory;
	}

	@Bean
	JmsTemplate partitionJms(ConnectionFactory connectionFactory) {
		JmsTemplate jms = new JmsTemplate(new CachingConnectionFactory(connectionFactory));
		jms.setMessageConverter(new PartitionRequests());
		jms.setReceiveTimeout(RECEIVE_TIMEOUT_MILLIS);
		return jms;
	}

	@Bean
	@Lazy
	PartitionWorker partitionWorker(JmsTemplate partitionJms, JobRepository jobRepository, BeanFactory beanFactory,
			WorkerHeartbeats heartbeats, WorkerGraphCalls calls, GraphClient graphClient,
			CrosswalkProperties properties) {
		BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
		steps.setBeanFactory(beanFactory);
		StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
		handler.setJobRepository(jobRepository);
		handler.setStepLocator(steps);
		CrosswalkProperties.Workers workers = properties.workers();
		return new PartitionWorker(partitionJms, handler, jobRepository, heartbeats,
				new RunShares(calls, graphClient::metrics),
				workers.concurrency(), workers.brokerForLogs());
	}

	@Bean
	WorkerFleet workerFleet(CrosswalkProperties properties, ApplicationArguments arguments, GraphClient graphClient,
			ScopeSlicing slicing) {
		return new WorkerFleet(properties, Arrays.asList(arguments.getSourceArgs()),
				graphClient.config().baseUrl().toString(),
				slicing.partitionsAPass(properties.lookup().partitions(), graphClient.scopeStatuses().size()));
	}
}
