package com.crosswalk.config;

import static java.util.Objects.requireNonNullElse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import com.crosswalk.graph.GraphClientConfig;
import com.crosswalk.graph.ProofMode;
import com.crosswalk.identity.MergeGuards;
import com.crosswalk.input.JdbcQuery;
import com.crosswalk.sql.Database;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Every {@code crosswalk.*} property; config/application.yml lists them with their defaults and why. Each default
 * lives in one place: settings the plain-Java components also have (the Graph client, the merge guards) are null
 * when unset and take those components' {@code DEFAULT_*} constants in the compact constructors; the job's own
 * settings have their default in {@link DefaultValue}. Every value is checked at start ({@link Validated}): a value
 * out of range stops the job with exit code 2, naming the property, the value and the range. A name that is not
 * here is refused too ({@link UnknownSettingsCheck}).
 */
@ConfigurationProperties("crosswalk")
@Validated
public record CrosswalkProperties(
		@NotNull(message = FOLDER) @DefaultValue("out") Path outputDir,
		@DefaultValue("false") boolean dryRun,
		@DurationMin(nanos = 1, message = POSITIVE) @DefaultValue("5s") Duration progressEvery,
		@NotNull(message = DISK) @DefaultValue("1GB") DataSize minFreeDisk,
		Path businessFile,
		@Valid @DefaultValue Input input,
		@Valid @DefaultValue Graph graph,
		@Valid @DefaultValue Emulator emulator,
		@Valid @DefaultValue Lookup lookup,
		@Valid @DefaultValue Identity identity,
		@Valid @DefaultValue RunLock runLock,
		@Valid @DefaultValue Workers workers) {

	static final String POSITIVE = "must be a positive duration, e.g. 5s or 200ms";

	static final String NOT_NEGATIVE = "must be 0 or a positive duration, e.g. 0ms or 15m";

	static final String SHARE = "must be a share in (0, 1], e.g. 0.9";

	static final String FOLDER = "must name a folder";

	static final String DISK = "must be 0 or a positive size, e.g. 0, 512MB or 2GB";

	@AssertTrue(message = "crosswalk.min-free-disk " + DISK)
	boolean isMinFreeDiskNotNegative() {
		return minFreeDisk == null || !minFreeDisk.isNegative();
	}

	public record Input(
			Path csv,
			// unset: ',', unless the header is clearly separated by ';', tab or '|' (CsvInputReader detects which)
			@Pattern(regexp = "|[^\"\\r\\n]|\\\\t|(?i)tab", message = "must be one character (not a quote), or tab")
			String delimiter,
			@Pattern(regexp = "(?i)long|wide", message = "must be long or wide") @DefaultValue("long") String layout,
			@DefaultValue("customer_id") String customerColumn,
			@Valid @DefaultValue Wide wide,
			@Valid @DefaultValue Jdbc jdbc,
			@Positive Integer chunkSize) {

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
	public record Jdbc(
			String url,
			String username,
			String password,
			String query,
			String keyColumn,
			@Positive Integer fetchSize) {

		public Jdbc {
			fetchSize = requireNonNullElse(fetchSize, JdbcQuery.DEFAULT_FETCH_SIZE);
		}

		public boolean enabled() {
			return query != null && !query.isBlank();
		}

		@Override
		public String toString() {
			return "Jdbc[url=" + url + ", username=" + username + ", password=***, query=" + query + "]";
		}
	}

	/** The Graph client's settings: unset ones take {@link GraphClientConfig}'s defaults. */
	public record Graph(
			@NotBlank String baseUrl,
			@Pattern(regexp = "v\\d+\\.\\d+", message = "must look like v26.0") String apiVersion,
			@Min(1) Integer maxInFlight,
			@Range(min = 1, max = GraphClientConfig.MAX_BATCH_SIZE) Integer batchSize,
			@Min(1) Integer edgePageLimit,
			ProofMode proofMode,
			@DefaultValue List<String> profileFields,
			@DefaultValue List<String> psidProfileFields,
			@DefaultValue List<String> asidProfileFields,
			@DefaultValue List<String> targetApps,
			@DefaultValue List<String> targetPages,
			@Min(1) Integer retryMaxAttempts,
			@DurationMin(nanos = 1, message = POSITIVE) Duration retryInitialBackoff,
			@DurationMin(nanos = 1, message = POSITIVE) Duration retryMaxBackoff,
			@PositiveOrZero @DefaultValue("0") int appCallsPerHour,
			@PositiveOrZero @DefaultValue("0") int pageCallsPerHour,
			@DurationMin(nanos = 1, message = POSITIVE) Duration usageWindow,
			@DecimalMin(value = "0", inclusive = false, message = SHARE) @DecimalMax(value = "1", message = SHARE)
			Double slowdownAt,
			@DecimalMin(value = "0", inclusive = false, message = SHARE) @DecimalMax(value = "1", message = SHARE)
			Double pauseAt,
			@DecimalMin(value = "0", inclusive = false, message = SHARE) @DecimalMax(value = "1", message = SHARE)
			Double resumeAt,
			@DecimalMin(value = "0", inclusive = false, message = SHARE) @DecimalMax(value = "1", message = SHARE)
			Double budgetShare,
			@DurationMin(nanos = 0, message = NOT_NEGATIVE) Duration maxThrottleWait,
			@DurationMin(nanos = 1, message = POSITIVE) Duration connectTimeout,
			@DurationMin(nanos = 1, message = POSITIVE) Duration requestTimeout,
			@DurationMin(nanos = 1, message = POSITIVE) Duration reviewRetryAfter) {

		public Graph {
			baseUrl = requireNonNullElse(baseUrl, GraphClientConfig.DEFAULT_BASE_URL.toString());
			apiVersion = requireNonNullElse(apiVersion, GraphClientConfig.DEFAULT_API_VERSION);
			maxInFlight = requireNonNullElse(maxInFlight, GraphClientConfig.DEFAULT_MAX_IN_FLIGHT);
			batchSize = requireNonNullElse(batchSize, GraphClientConfig.DEFAULT_BATCH_SIZE);
			edgePageLimit = requireNonNullElse(edgePageLimit, GraphClientConfig.DEFAULT_EDGE_PAGE_LIMIT);
			proofMode = requireNonNullElse(proofMode, GraphClientConfig.DEFAULT_PROOF_MODE);
			retryMaxAttempts = requireNonNullElse(retryMaxAttempts, GraphClientConfig.DEFAULT_MAX_ATTEMPTS);
			retryInitialBackoff = requireNonNullElse(retryInitialBackoff, GraphClientConfig.DEFAULT_INITIAL_BACKOFF);
			retryMaxBackoff = requireNonNullElse(retryMaxBackoff, GraphClientConfig.DEFAULT_MAX_BACKOFF);
			usageWindow = requireNonNullElse(usageWindow, GraphClientConfig.DEFAULT_USAGE_WINDOW);
			slowdownAt = requireNonNullElse(slowdownAt, GraphClientConfig.DEFAULT_SLOWDOWN_AT);
			pauseAt = requireNonNullElse(pauseAt, GraphClientConfig.DEFAULT_PAUSE_AT);
			resumeAt = requireNonNullElse(resumeAt, GraphClientConfig.DEFAULT_RESUME_AT);
			budgetShare = requireNonNullElse(budgetShare, GraphClientConfig.DEFAULT_BUDGET_SHARE);
			maxThrottleWait = requireNonNullElse(maxThrottleWait, GraphClientConfig.DEFAULT_MAX_THROTTLE_WAIT);
			connectTimeout = requireNonNullElse(connectTimeout, GraphClientConfig.DEFAULT_CONNECT_TIMEOUT);
			requestTimeout = requireNonNullElse(requestTimeout, GraphClientConfig.DEFAULT_REQUEST_TIMEOUT);
			reviewRetryAfter = requireNonNullElse(reviewRetryAfter, GraphClientConfig.DEFAULT_REVIEW_RETRY_AFTER);
		}

		@AssertTrue(message = "crosswalk.graph.retry-max-backoff must not be shorter than retry-initial-backoff")
		boolean isBackoffOrdered() {
			return retryMaxBackoff.compareTo(retryInitialBackoff) >= 0;
		}

		@AssertTrue(message = "crosswalk.graph.slowdown-at and resume-at must not be above pause-at")
		boolean isSharesOrdered() {
			return slowdownAt <= pauseAt && resumeAt <= pauseAt;
		}

		/**
		 * The PSIDs' profile fields: {@code psid-profile-fields}, else the older {@code profile-fields}, which asks the
		 * same fields for both ID types.
		 */
		public List<String> effectivePsidProfileFields() {
			return psidProfileFields.isEmpty() ? profileFields : psidProfileFields;
		}

		/** The ASIDs' profile fields: {@code asid-profile-fields}, else the older {@code profile-fields}. */
		public List<String> effectiveAsidProfileFields() {
			return asidProfileFields.isEmpty() ? profileFields : asidProfileFields;
		}
	}

	/** The bundled Graph API emulator, started inside the job's JVM (the demo default). */
	/**
	 * @param url an emulator already serving {@code fixture} (a manager's, for the workers it starts): its
	 *        credentials come from the fixture and calls go to this URL; empty: the emulator starts in this JVM
	 */
	public record Emulator(
			@DefaultValue("false") boolean enabled,
			Path fixture,
			@DefaultValue("") String url,
			String businessId,
			@DurationMin(nanos = 0, message = NOT_NEGATIVE) @DefaultValue("0ms") Duration latency,
			@DefaultValue("false") boolean lenient) {
	}

	/**
	 * @param recheckBlocked blocked scopes to probe now, before their review window has passed: {@code all} or app
	 *        and Page IDs separated by commas ({@code --recheck-blocked}); empty for none
	 */
	public record Lookup(
			@Min(1) @DefaultValue("5000") int groupSize,
			@Min(1) @DefaultValue("8") int partitions,
			@DurationMin(nanos = 0, message = NOT_NEGATIVE) @DefaultValue("7d") Duration reverifyAfter,
			@DefaultValue("") String recheckBlocked) {
	}

	public record Identity(
			@Min(2) Integer maxIdsPerPerson) {

		public Identity {
			maxIdsPerPerson = requireNonNullElse(maxIdsPerPerson, MergeGuards.DEFAULT_MAX_IDS_PER_PERSON);
		}
	}

	/**
	 * The lookup's partitions on worker JVMs (remote partitioning) instead of this one.
	 *
	 * @param count worker JVMs this run starts on this machine; 0 with no broker URL: the partitions run in this JVM
	 * @param brokerUrl the ActiveMQ Artemis broker that carries partitions to workers; empty: a broker embedded in
	 *        this process, on localhost at {@code brokerPort}
	 * @param brokerPort the embedded broker's port
	 * @param concurrency partitions one worker runs at once
	 * @param stallAfter a worker whose heartbeat is older than this has stopped: its partitions fail, and the same
	 *        command resumes them
	 * @param managerPid set by a manager for the workers it starts: they stop when that process ends; 0 for a worker
	 *        started by hand or by a service manager
	 * @param jvmOptions the JVM options of the worker JVMs a manager starts on this machine, separated by spaces. They
	 *        share the manager's cores, and their work is waiting on Graph: by default they compile with C1 only and
	 *        collect with the serial collector, which spends a fraction of the CPU on their start
	 */
	public record Workers(
			@PositiveOrZero @DefaultValue("0") int count,
			@DefaultValue("") String brokerUrl,
			@Range(min = 1, max = 65535) @DefaultValue("61616") int brokerPort,
			@Min(1) @DefaultValue("4") int concurrency,
			@DurationMin(seconds = 2, message = "must be at least 2s: workers beat every second") @DefaultValue("60s") Duration stallAfter,
			@PositiveOrZero @DefaultValue("0") long managerPid,
			@Pattern(regexp = "\\s*(-\\S+(\\s+-\\S+)*)?\\s*", message = "must be JVM options separated by spaces, each starting with -")
			@DefaultValue("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC") String jvmOptions) {

		/** {@link #jvmOptions} one by one. */
		public List<String> jvmOptionList() {
			return jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+"));
		}

		/** Whether the lookup's partitions go to workers over a broker. */
		public boolean distributed() {
			return count > 0 || !brokerUrl.isBlank();
		}

		/** The broker's URL as workers and the manager connect to it. */
		public String effectiveBrokerUrl() {
			return brokerUrl.isBlank() ? "tcp://localhost:" + brokerPort : brokerUrl;
		}

		/**
		 * The broker's URL for logs and messages: without its parameters and user part, where an Artemis URL may carry
		 * a user's password.
		 */
		public String brokerForLogs() {
			String url = effectiveBrokerUrl().replaceFirst("\\?.*$", "");
			return url.replaceFirst("//[^/@]*@", "//");
		}
	}

	/** The one-run-per-database lock: a heartbeat older than this means its holder died and may be taken over. */
	public record RunLock(
			@DurationMin(nanos = 1, message = POSITIVE) @DefaultValue("20s") Duration staleAfter) {
	}
}
