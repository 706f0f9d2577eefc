package com.crosswalk.job;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.CrosswalkProperties;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.GraphClient;
import com.crosswalk.identity.MergeGuards;
import com.crosswalk.identity.PersonEraser;
import com.crosswalk.identity.PersonMerger;
import com.crosswalk.identity.Tombstones;
import com.crosswalk.input.ImportRecorder;
import com.crosswalk.input.RowValidator;
import com.crosswalk.lookup.BlockedScopes;
import com.crosswalk.lookup.LookupPlanner;
import com.crosswalk.lookup.LookupPartitions;
import com.crosswalk.lookup.OutcomeRecorder;
import com.crosswalk.lookup.RecordingLock;
import com.crosswalk.lookup.ScopeCallLogs;
import com.crosswalk.lookup.ScopeSlicing;
import com.crosswalk.report.CsvExports;
import com.crosswalk.report.ReportDataReader;
import com.crosswalk.report.RunReporter;
import com.crosswalk.report.RunGraphMetrics;
import com.crosswalk.report.RunSummaryStore;
import com.crosswalk.sql.Database;
import com.crosswalk.sql.SideTransactions;
import com.crosswalk.sql.UpsertWriter;
import com.zaxxer.hikari.HikariDataSource;

/** The feature objects the job's steps call, built from the configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CrosswalkProperties.class)
class JobComponentsConfiguration {

	static final int MINIMUM_POOL_SIZE = 4;

	@Bean
	static H2DurableCommits h2DurableCommits() {
		return new H2DurableCommits();
	}

	@Bean
	InputSources inputSources(CrosswalkProperties properties) {
		return new InputSources(properties);
	}

	@Bean
	RowValidator rowValidator(BusinessCredentials credentials) {
		return new RowValidator(credentials);
	}

	@Bean
	Tombstones tombstones(JdbcTemplate jdbc) {
		return new Tombstones(jdbc);
	}

	@Bean
	PersonEraser personEraser(JdbcTemplate jdbc, Tombstones tombstones, Clock clock) {
		return new PersonEraser(jdbc, tombstones, clock);
	}

	@Bean
	CsvExports csvExports(JdbcTemplate jdbc) {
		return new CsvExports(jdbc);
	}

	/** Read from the connection once: it picks the per-database SQL and defaults. */
	@Bean
	Database database(JdbcTemplate jdbc) {
		return Database.of(jdbc);
	}

	@Bean
	UpsertWriter upsertWriter(JdbcTemplate jdbc, Database database) {
		return new UpsertWriter(jdbc, database);
	}

	/**
	 * The import and the lookup recorder write beside their checkpoint, on a connection of its own. A pool too small
	 * for that would leave a side write waiting out the pool's timeout mid-run: refused at start instead.
	 */
	@Bean
	SideTransactions sideTransactions(PlatformTransactionManager tm, DataSource dataSource) {
		if (dataSource instanceof HikariDataSource pool && pool.getMaximumPoolSize() < MINIMUM_POOL_SIZE) {
			throw new ConfigException("spring.datasource.hikari.maximum-pool-size is " + pool.getMaximumPoolSize()
					+ ": the job needs " + MINIMUM_POOL_SIZE + " connections at the least (one for a step's"
					+ " transaction, one for the writes beside it, two for the lookup's page reads and the job repository);"
					+ " the default is 8");
		}
		return new SideTransactions(tm);
	}

	@Bean
	ImportRecorder importRecorder(JdbcTemplate jdbc, UpsertWriter upserts, SideTransactions sides, Clock clock,
			Tombstones tombstones, CrosswalkProperties properties) {
		return new ImportRecorder(jdbc, upserts, sides, clock, tombstones::isForgotten,
				properties.lookup().reverifyAfter());
	}

	@Bean
	BlockedScopes blockedScopes(JdbcTemplate jdbc, Clock clock, CrosswalkProperties properties) {
		return new BlockedScopes(jdbc, clock, properties.graph().reviewRetryAfter());
	}

	@Bean
	LookupPlanner lookupPlanner(JdbcTemplate jdbc, Database database, Clock clock, CrosswalkProperties properties,
			BlockedScopes blockedScopes, ScopeSlicing slicing) {
		return new LookupPlanner(jdbc, database, clock, properties.lookup().reverifyAfter(), blockedScopes, slicing);
	}

	@Bean
	LookupPartitions lookupPartitions(JdbcTemplate jdbc, CrosswalkProperties properties, ScopeSlicing slicing) {
		return new LookupPartitions(jdbc, properties.lookup().groupSize(), properties.graph().batchSize(), slicing);
	}

	@Bean
	ScopeSlicing scopeSlicing(CrosswalkProperties properties) {
		return ScopeSlicing.forWorkers(properties.workers().distributed(), properties.graph().appCallsPerHour(),
				properties.graph().pageCallsPerHour());
	}

	@Bean
	OutcomeRecorder outcomeRecorder(JdbcTemplate jdbc, UpsertWriter upserts, PlatformTransactionManager tm,
			SideTransactions sides, Tombstones tombstones, BlockedScopes blockedScopes, CrosswalkProperties properties,
			Database database) {
		// workers refuse H2 (remote.WorkersConfiguration)
		RecordingLock lock = properties.workers().distributed() && database == Database.POSTGRESQL
				? RecordingLock.acrossProcesses(jdbc.getDataSource()) : RecordingLock.inProcess();
		return new OutcomeRecorder(jdbc, upserts, new TransactionTemplate(tm), sides, tombstones::isForgotten,
				blockedScopes, properties.graph().reviewRetryAfter(), lock);
	}

	@Bean
	ScopeCallLogs scopeCallLogs(JdbcTemplate jdbc) {
		return new ScopeCallLogs(jdbc);
	}

	@Bean
	PersonMerger personMerger(JdbcTemplate jdbc, UpsertWriter upserts, Clock clock, CrosswalkProperties properties) {
		return new PersonMerger(jdbc, upserts, clock,
				MergeGuards.builder().maxIdsPerPerson(properties.identity().maxIdsPerPerson()).build(),
				PersonMerger.DEFAULT_SLICE_SIZE, properties.progressEvery());
	}

	@Bean
	RunSummaryStore runSummaryStore(JdbcTemplate jdbc, RunGraphMetrics graphMetrics, Clock clock,
			CrosswalkProperties properties) {
		return new RunSummaryStore(jdbc, graphMetrics, clock, properties.dryRun());
	}

	@Bean
	ReportDataReader reportDataReader(JdbcTemplate jdbc, GraphClient graphClient, RunGraphMetrics graphMetrics,
			Clock clock, BlockedScopes blockedScopes) {
		return new ReportDataReader(jdbc, graphClient, graphMetrics, clock, blockedScopes);
	}

	@Bean
	RunReporter runReporter(RunSummaryStore summaries, CsvExports exports, ReportDataReader reportData,
			CrosswalkProperties properties) {
		return new RunReporter(summaries, exports, reportData, properties.outputDir());
	}

	@Bean
	RunLocks runLocks(JdbcTemplate jdbc, Clock clock, CrosswalkProperties properties) {
		return new RunLocks(jdbc, clock, properties.runLock().staleAfter());
	}

	@Bean
	ReconcileLauncher reconcileLauncher(JobOperator jobOperator, JobRepository jobRepository, Job reconcileJob,
			RunLocks runLocks, ImportRecorder importRecorder) {
		return new ReconcileLauncher(jobOperator, jobRepository, reconcileJob, runLocks, importRecorder);
	}
}
