package com.crosswalk.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.crosswalk.sql.Database;

/**
 * Every {@code crosswalk.*} property. Defaults here are the documented defaults; config/application.yml repeats
 * them with explanations.
 */
@ConfigurationProperties("crosswalk")
public record CrosswalkProperties(
		@DefaultValue("out") Path outputDir,
		@DefaultValue("false") boolean dryRun,
		@DefaultValue("5s") Duration progressEvery,
		Path businessFile,
		@DefaultValue Input input,
		@DefaultValue Graph graph,
		@DefaultValue Emulator emulator,
		@DefaultValue Lookup lookup,
		@DefaultValue Identity identity,
		@DefaultValue RunLock runLock) {

	public record Input(
			Path csv,
			@DefaultValue(",") String delimiter,
			@DefaultValue("long") String layout,
			@DefaultValue("customer_id") String customerColumn,
			@DefaultValue Wide wide,
			@DefaultValue Jdbc jdbc,
			Integer chunkSize) {

		/**
		 * Rows per import transaction: as configured, else 5,000 on PostgreSQL (a fifth of the per-chunk cost of
		 * 1,000) and 1,000 on H2, where a process killed while committing a chunk can leave that chunk's rows locked
		 * when the file is opened again (an H2 recovery flaw), and a smaller chunk commits in a shorter window.
		 */
		public int chunkSize(Database database) {
			if (chunkSize != null) {
				return chunkSize;
			}
			return database == Database.POSTGRESQL ? 5_000 : 1_000;
		}
	}

	/** Column names of the wide layout: one row per customer, one column pair per channel. */
	public record Wide(
			@DefaultValue("psid") String psidColumn,
			@DefaultValue("page_id") String pageColumn,
			@DefaultValue("asid") String asidColumn,
			@DefaultValue("app_id") String appColumn) {
	}

	/** A customer table read through JDBC instead of a CSV file. */
	public record Jdbc(String url, String username, String password, String query, String keyColumn,
			@DefaultValue("1000") int fetchSize) {

		public boolean enabled() {
			return query != null && !query.isBlank();
		}

		@Override
		public String toString() {
			return "Jdbc[url=" + url + ", username=" + username + ", password=***, query=" + query + "]";
		}
	}

	public record Graph(
			@DefaultValue("https://graph.facebook.com") String baseUrl,
			@DefaultValue("v26.0") String apiVersion,
			@DefaultValue("8") int maxInFlight,
			@DefaultValue("50") int batchSize,
			@DefaultValue("100") int edgePageLimit,
			@DefaultValue("classic") String proofMode,
			@DefaultValue List<String> profileFields,
			@DefaultValue List<String> targetApps,
			@DefaultValue List<String> targetPages,
			@DefaultValue("5") int retryMaxAttempts,
			@DefaultValue("200ms") Duration retryInitialBackoff,
			@DefaultValue("10s") Duration retryMaxBackoff,
			@DefaultValue("0") int appCallsPerHour,
			@DefaultValue("0") int pageCallsPerHour,
			@DefaultValue("1h") Duration usageWindow,
			@DefaultValue("0.75") double slowdownAt,
			@DefaultValue("0.95") double pauseAt,
			@DefaultValue("0.90") double resumeAt,
			@DefaultValue("0.98") double budgetShare,
			@DefaultValue("15m") Duration maxThrottleWait,
			@DefaultValue("5s") Duration connectTimeout,
			@DefaultValue("30s") Duration requestTimeout,
			@DefaultValue("48h") Duration reviewRetryAfter) {
	}

	/** The bundled Graph API emulator, started inside the job's JVM (the demo default). */
	public record Emulator(
			@DefaultValue("false") boolean enabled,
			Path fixture,
			String businessId,
			@DefaultValue("0ms") Duration latency) {
	}

	/**
	 * @param recheckBlocked blocked scopes to probe now, before their review window has passed: {@code all} or app
	 *        and Page IDs separated by commas ({@code --recheck-blocked}); empty for none
	 */
	public record Lookup(
			@DefaultValue("5000") int groupSize,
			@DefaultValue("7d") Duration reverifyAfter,
			@DefaultValue("") String recheckBlocked) {
	}

	public record Identity(
			@DefaultValue("50") int maxIdsPerPerson) {
	}

	/** The one-run-per-database lock: a heartbeat older than this means its holder died and may be taken over. */
	public record RunLock(
			@DefaultValue("20s") Duration staleAfter) {
	}
}
