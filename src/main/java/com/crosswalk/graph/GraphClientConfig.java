package com.crosswalk.graph;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.crosswalk.id.IdType;

/**
 * Immutable settings of a {@link GraphClient}. Build with {@link #custom()}; every setting has a documented
 * default. The {@code DEFAULT_*} constants are also the job's defaults: {@code crosswalk.graph.*} settings left
 * unset take them (CrosswalkProperties), so the client's tests and production run on the same values.
 */
public final class GraphClientConfig {

	public static final URI DEFAULT_BASE_URL = URI.create("https://graph.facebook.com");

	/** Pinned so that a silent platform upgrade never changes answers under the job. */
	public static final String DEFAULT_API_VERSION = "v26.0";

	/** A connection not made within this is a network problem: the attempt fails and is retried. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Far beyond a normal answer, even to a full batch; a request open this long is retried within the run. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** Concurrent HTTP requests, shared by every thread that uses one client. */
	public static final int DEFAULT_MAX_IN_FLIGHT = 8;

	/** Graph's own maximum of operations in one batch request. */
	public static final int MAX_BATCH_SIZE = 50;

	public static final int DEFAULT_BATCH_SIZE = MAX_BATCH_SIZE;

	/** Graph does not document the ID edges' default page size; asking for 100 keeps continuations rare. */
	public static final int DEFAULT_EDGE_PAGE_LIMIT = 100;

	public static final ProofMode DEFAULT_PROOF_MODE = ProofMode.CLASSIC;

	/** Attempts per call for transient faults, the first one included. */
	public static final int DEFAULT_MAX_ATTEMPTS = 5;

	/** First wait before a retry; it doubles on each further attempt (full jitter) up to the maximum. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

	/** Graph reports usage as percentages of a rolling hour (platform and Pages limits). */
	public static final Duration DEFAULT_USAGE_WINDOW = Duration.ofHours(1);

	/** Above this share of the budget the client spreads calls evenly instead of bursting. */
	public static final double DEFAULT_SLOWDOWN_AT = 0.75;

	/** At this share the client stops calling the scope until the window allows, before Graph says no. */
	public static final double DEFAULT_PAUSE_AT = 0.95;

	/**
	 * A pause at {@link #DEFAULT_PAUSE_AT} lasts until usage is back at this share: low enough that the scope is not
	 * paused again at once, high enough that the pauses do not cap the rate (pausing down to the slowdown share idles
	 * a fifth of every window).
	 */
	public static final double DEFAULT_RESUME_AT = 0.90;

	/**
	 * Share of a client-side budget the client spends in any rolling window. The rest is headroom: Graph counts a
	 * call when it arrives, the client when it sends it, so their windows' edges differ by the latency.
	 */
	public static final double DEFAULT_BUDGET_SHARE = 0.98;

	/** Pause after a throttle answer without {@code estimated_time_to_regain_access}; doubles on repeats. */
	public static final Duration DEFAULT_THROTTLE_BACKOFF = Duration.ofMinutes(5);

	/** Longer pauses answer {@link LookupOutcome.Unavailable} so the job can move on and retry in a later run. */
	public static final Duration DEFAULT_MAX_THROTTLE_WAIT = Duration.ofMinutes(15);

	/** Meta says the ID Matching review takes about 48 hours. */
	public static final Duration DEFAULT_REVIEW_RETRY_AFTER = Duration.ofHours(48);

	/**
	 * A scope Graph blocked for policy (#368) gets no call for this long: Meta says only "wait and retry" and gives no
	 * length, and calls while blocked may extend the block, so the client does not probe it again in this time.
	 */
	public static final Duration DEFAULT_POLICY_BLOCK_WAIT = Duration.ofHours(24);

	private final URI baseUrl;

	private final String apiVersion;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final int maxInFlight;

	private final int batchSize;

	private final int edgePageLimit;

	private final ProofMode proofMode;

	private final List<String> psidProfileFields;

	private final List<String> asidProfileFields;

	private final Set<String> targetApps;

	private final Set<String> targetPages;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final CallBudget appBudget;

	private final CallBudget pageBudget;

	private final Duration usageWindow;

	private final double slowdownAt;

	private final double pauseAt;

	private final double resumeAt;

	private final double budgetShare;

	private final Duration throttleBackoff;

	private final Duration maxThrottleWait;

	private final Duration reviewRetryAfter;

	private final Duration policyBlockWait;

	private final Clock clock;

	private final Sleeper sleeper;

	private GraphClientConfig(Builder builder) {
		this.baseUrl = builder.baseUrl;
		this.apiVersion = builder.apiVersion;
		this.connectTimeout = builder.connectTimeout;
		this.requestTimeout = builder.requestTimeout;
		this.maxInFlight = builder.maxInFlight;
		this.batchSize = builder.batchSize;
		this.edgePageLimit = builder.edgePageLimit;
		this.proofMode = builder.proofMode;
		this.psidProfileFields = List.copyOf(builder.psidProfileFields);
		this.asidProfileFields = List.copyOf(builder.asidProfileFields);
		this.targetApps = Set.copyOf(builder.targetApps);
		this.targetPages = Set.copyOf(builder.targetPages);
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.appBudget = builder.appBudget;
		this.pageBudget = builder.pageBudget;
		this.usageWindow = builder.usageWindow;
		this.slowdownAt = builder.slowdownAt;
		this.pauseAt = builder.pauseAt;
		this.resumeAt = builder.resumeAt;
		this.budgetShare = builder.budgetShare;
		this.throttleBackoff = builder.throttleBackoff;
		this.maxThrottleWait = builder.maxThrottleWait;
		this.reviewRetryAfter = builder.reviewRetryAfter;
		this.policyBlockWait = builder.policyBlockWait;
		this.clock = builder.clock;
		this.sleeper = builder.sleeper;
	}

	public static Builder custom() {
		return new Builder();
	}

	public static GraphClientConfig ofDefaults() {
		return custom().build();
	}

	/** A builder preset with this config's values. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	public URI baseUrl() {
		return baseUrl;
	}

	public String apiVersion() {
		return apiVersion;
	}

	public Duration connectTimeout() {
		return connectTimeout;
	}

	public Duration requestTimeout() {
		return requestTimeout;
	}

	public int maxInFlight() {
		return maxInFlight;
	}

	public int batchSize() {
		return batchSize;
	}

	public int edgePageLimit() {
		return edgePageLimit;
	}

	public ProofMode proofMode() {
		return proofMode;
	}

	/** Profile fields asked beside the ID edges for IDs of this type: a PSID's profile has other fields than an ASID's. */
	public List<String> profileFields(IdType type) {
		return (type == IdType.PSID) ? psidProfileFields : asidProfileFields;
	}

	public Set<String> targetApps() {
		return targetApps;
	}

	public Set<String> targetPages() {
		return targetPages;
	}

	public int maxAttempts() {
		return maxAttempts;
	}

	public Duration initialBackoff() {
		return initialBackoff;
	}

	public Duration maxBackoff() {
		return maxBackoff;
	}

	/** The client-side budget of each app scope, if one was set. */
	public Optional<CallBudget> appBudget() {
		return Optional.ofNullable(appBudget);
	}

	/** The client-side budget of each Page scope, if one was set. */
	public Optional<CallBudget> pageBudget() {
		return Optional.ofNullable(pageBudget);
	}

	public Optional<CallBudget> budgetFor(IdType type) {
		return (type == IdType.ASID) ? appBudget() : pageBudget();
	}

	public Duration usageWindow() {
		return usageWindow;
	}

	public double slowdownAt() {
		return slowdownAt;
	}

	public double pauseAt() {
		return pauseAt;
	}

	/** After a pause on Graph's usage, calls resume once usage is estimated to be back at this share. */
	public double resumeAt() {
		return resumeAt;
	}

	/** Share of a client-side budget spent in any rolling window, the rest being headroom. */
	public double budgetShare() {
		return budgetShare;
	}

	public Duration throttleBackoff() {
		return throttleBackoff;
	}

	public Duration maxThrottleWait() {
		return maxThrottleWait;
	}

	public Duration reviewRetryAfter() {
		return reviewRetryAfter;
	}

	public Duration policyBlockWait() {
		return policyBlockWait;
	}

	public Clock clock() {
		return clock;
	}

	public Sleeper sleeper() {
		return sleeper;
	}

	@Override
	public String toString() {
		return "GraphClientConfig[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", maxInFlight=" + maxInFlight
				+ ", batchSize=" + batchSize + ", edgePageLimit=" + edgePageLimit + ", proofMode=" + proofMode
				+ ", psidProfileFields=" + psidProfileFields + ", asidProfileFields=" + asidProfileFields + ", targetApps=" + targetApps + ", targetPages=" + targetPages
				+ ", maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff + ", appBudget="
				+ appBudget + ", pageBudget=" + pageBudget + ", budgetShare=" + budgetShare + ", slowdownAt="
				+ slowdownAt + ", pauseAt=" + pauseAt + ", resumeAt=" + resumeAt
				+ ", maxThrottleWait=" + maxThrottleWait + "]";
	}

	public static final class Builder {

		private URI baseUrl = DEFAULT_BASE_URL;

		private String apiVersion = DEFAULT_API_VERSION;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

		private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private int edgePageLimit = DEFAULT_EDGE_PAGE_LIMIT;

		private ProofMode proofMode = DEFAULT_PROOF_MODE;

		private List<String> psidProfileFields = List.of();

		private List<String> asidProfileFields = List.of();

		private Set<String> targetApps = Set.of();

		private Set<String> targetPages = Set.of();

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private CallBudget appBudget;

		private CallBudget pageBudget;

		private Duration usageWindow = DEFAULT_USAGE_WINDOW;

		private double slowdownAt = DEFAULT_SLOWDOWN_AT;

		private double pauseAt = DEFAULT_PAUSE_AT;

		private double resumeAt = DEFAULT_RESUME_AT;

		private double budgetShare = DEFAULT_BUDGET_SHARE;

		private Duration throttleBackoff = DEFAULT_THROTTLE_BACKOFF;

		private Duration maxThrottleWait = DEFAULT_MAX_THROTTLE_WAIT;

		private Duration reviewRetryAfter = DEFAULT_REVIEW_RETRY_AFTER;

		private Duration policyBlockWait = DEFAULT_POLICY_BLOCK_WAIT;

		private Clock clock = Clock.systemUTC();

		private Sleeper sleeper = Sleeper.THREAD_SLEEP;

		private Builder() {
		}

		private Builder(GraphClientConfig config) {
			this.baseUrl = config.baseUrl;
			this.apiVersion = config.apiVersion;
			this.connectTimeout = config.connectTimeout;
			this.requestTimeout = config.requestTimeout;
			this.maxInFlight = config.maxInFlight;
			this.batchSize = config.batchSize;
			this.edgePageLimit = config.edgePageLimit;
			this.proofMode = config.proofMode;
			this.psidProfileFields = config.psidProfileFields;
			this.asidProfileFields = config.asidProfileFields;
			this.targetApps = config.targetApps;
			this.targetPages = config.targetPages;
			this.maxAttempts = config.maxAttempts;
			this.initialBackoff = config.initialBackoff;
			this.maxBackoff = config.maxBackoff;
			this.appBudget = config.appBudget;
			this.pageBudget = config.pageBudget;
			this.usageWindow = config.usageWindow;
			this.slowdownAt = config.slowdownAt;
			this.pauseAt = config.pauseAt;
			this.resumeAt = config.resumeAt;
			this.budgetShare = config.budgetShare;
			this.throttleBackoff = config.throttleBackoff;
			this.maxThrottleWait = config.maxThrottleWait;
			this.reviewRetryAfter = config.reviewRetryAfter;
			this.policyBlockWait = config.policyBlockWait;
			this.clock = config.clock;
			this.sleeper = config.sleeper;
		}

		public Builder baseUrl(String baseUrl) {
			return baseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl")));
		}

		/** HTTPS, or plain HTTP to a loopback address (an emulator); checked when the client is built. */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
			return this;
		}

		public Builder apiVersion(String apiVersion) {
			this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
			return this;
		}

		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		public Builder maxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
			return this;
		}

		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		public Builder edgePageLimit(int edgePageLimit) {
			this.edgePageLimit = edgePageLimit;
			return this;
		}

		public Builder proofMode(ProofMode proofMode) {
			this.proofMode = Objects.requireNonNull(proofMode, "proofMode");
			return this;
		}

		/** The same profile fields for PSIDs and ASIDs; see {@link #psidProfileFields} and {@link #asidProfileFields}. */
		public Builder profileFields(Collection<String> profileFields) {
			return psidProfileFields(profileFields).asidProfileFields(profileFields);
		}

		public Builder profileFields(String... profileFields) {
			return profileFields(List.of(profileFields));
		}

		/** User-node fields asked beside the ID edges for a PSID (User Profile API), e.g. {@code name, first_name}. */
		public Builder psidProfileFields(Collection<String> fields) {
			this.psidProfileFields = List.copyOf(fields);
			return this;
		}

		/** User-node fields asked beside the ID edges for an ASID, e.g. {@code name}. */
		public Builder asidProfileFields(Collection<String> fields) {
			this.asidProfileFields = List.copyOf(fields);
			return this;
		}

		/** Only these apps' ASIDs are asked for ({@code app=} filter); none means all apps of the business. */
		public Builder targetApps(Collection<String> targetApps) {
			this.targetApps = new LinkedHashSet<>(targetApps);
			return this;
		}

		/** Only these Pages' PSIDs are asked for ({@code page=} filter); none means all Pages of the business. */
		public Builder targetPages(Collection<String> targetPages) {
			this.targetPages = new LinkedHashSet<>(targetPages);
			return this;
		}

		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = positive(initialBackoff, "initialBackoff");
			return this;
		}

		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = positive(maxBackoff, "maxBackoff");
			return this;
		}

		public Builder appCallsPerHour(int calls) {
			return appBudget(CallBudget.perHour(calls));
		}

		public Builder pageCallsPerHour(int calls) {
			return pageBudget(CallBudget.perHour(calls));
		}

		/** Client-side budget of each app scope; null for none (usage headers still slow the client down). */
		public Builder appBudget(CallBudget appBudget) {
			this.appBudget = appBudget;
			return this;
		}

		/** Client-side budget of each Page scope; null for none (usage headers still slow the client down). */
		public Builder pageBudget(CallBudget pageBudget) {
			this.pageBudget = pageBudget;
			return this;
		}

		/** The window Graph's usage percentages refer to, for scopes without a client-side budget. */
		public Builder usageWindow(Duration usageWindow) {
			this.usageWindow = positive(usageWindow, "usageWindow");
			return this;
		}

		public Builder slowdownAt(double slowdownAt) {
			this.slowdownAt = slowdownAt;
			return this;
		}

		public Builder pauseAt(double pauseAt) {
			this.pauseAt = pauseAt;
			return this;
		}

		/** Where a pause on Graph's usage ends; at most {@code pauseAt}. */
		public Builder resumeAt(double resumeAt) {
			this.resumeAt = resumeAt;
			return this;
		}

		/** Share of a client-side budget the client spends in any rolling window; 1 leaves no headroom. */
		public Builder budgetShare(double budgetShare) {
			this.budgetShare = budgetShare;
			return this;
		}

		public Builder throttleBackoff(Duration throttleBackoff) {
			this.throttleBackoff = positive(throttleBackoff, "throttleBackoff");
			return this;
		}

		public Builder maxThrottleWait(Duration maxThrottleWait) {
			this.maxThrottleWait = Objects.requireNonNull(maxThrottleWait, "maxThrottleWait");
			return this;
		}

		public Builder reviewRetryAfter(Duration reviewRetryAfter) {
			this.reviewRetryAfter = positive(reviewRetryAfter, "reviewRetryAfter");
			return this;
		}

		public Builder policyBlockWait(Duration policyBlockWait) {
			this.policyBlockWait = positive(policyBlockWait, "policyBlockWait");
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		public Builder sleeper(Sleeper sleeper) {
			this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
			return this;
		}

		public GraphClientConfig build() {
			if (!apiVersion.matches("v\\d+\\.\\d+")) {
				throw new IllegalArgumentException("apiVersion must look like v26.0, was " + apiVersion);
			}
			if (maxInFlight < 1) {
				throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
			}
			if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
				throw new IllegalArgumentException("batchSize must be 1.." + MAX_BATCH_SIZE + ", was " + batchSize);
			}
			if (edgePageLimit < 1) {
				throw new IllegalArgumentException("edgePageLimit must be at least 1, was " + edgePageLimit);
			}
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
			}
			if (maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
			}
			if (!(slowdownAt > 0 && slowdownAt <= pauseAt && pauseAt <= 1.0)) {
				throw new IllegalArgumentException(
						"need 0 < slowdownAt <= pauseAt <= 1, was " + slowdownAt + " and " + pauseAt);
			}
			if (!(resumeAt > 0 && resumeAt <= pauseAt)) {
				throw new IllegalArgumentException("need 0 < resumeAt <= pauseAt, was " + resumeAt + " and " + pauseAt);
			}
			if (!(budgetShare > 0 && budgetShare <= 1.0)) {
				throw new IllegalArgumentException("need 0 < budgetShare <= 1, was " + budgetShare);
			}
			if (maxThrottleWait.isNegative()) {
				throw new IllegalArgumentException("maxThrottleWait must not be negative");
			}
			for (String field : concat(psidProfileFields, asidProfileFields)) {
				if (!field.matches("[a-z_]+(\\{[a-z_,]+\\})?")) {
					throw new IllegalArgumentException("not a plain user field: " + field);
				}
			}
			return new GraphClientConfig(this);
		}

		private static List<String> concat(List<String> a, List<String> b) {
			List<String> all = new java.util.ArrayList<>(a);
			all.addAll(b);
			return all;
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}
	}
}
