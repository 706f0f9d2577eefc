package com.crosswalk.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything about how the emulator behaves, besides the data it serves. Immutable; build with {@link #custom()}.
 * Defaults (see each builder method): loopback only, ephemeral port, no latency, no faults, no rate limits,
 * 1 h rate-limit window, BUC type {@code pages} (80001), usage headers from the first call, 48 h review that the
 * first ID Matching call of a {@code not_requested} business or app starts, own asset included in edge results, edge
 * limit 25 by default and 100 at most, system UTC clock, 64 worker threads, appsecret_proof required, unversioned
 * calls served as v26.0, strict (see {@link Builder#lenient(boolean)}).
 */
public final class EmulatorConfig {

	private final String bindAddress;

	private final int port;

	private final Duration latency;

	private final FaultSettings faults;

	private final int appCallBudget;

	private final int pageCallBudget;

	private final Duration rateLimitWindow;

	private final PageBucType pageBucType;

	private final int usageHeaderFloor;

	private final Duration reviewLength;

	private final boolean firstCallStartsReview;

	private final boolean includeOwnAsset;

	private final int edgeDefaultLimit;

	private final int edgeMaxLimit;

	private final Clock clock;

	private final int workerThreads;

	private final boolean appSecretProofRequired;

	private final String defaultVersion;

	private final int callLogCapacity;

	private final boolean lenient;

	private final Map<String, List<BusinessUseCaseUsage>> extraBusinessUseCaseUsage;

	private EmulatorConfig(Builder builder) {
		this.bindAddress = builder.bindAddress;
		this.port = builder.port;
		this.latency = builder.latency;
		this.faults = builder.faults;
		this.appCallBudget = builder.appCallBudget;
		this.pageCallBudget = builder.pageCallBudget;
		this.rateLimitWindow = builder.rateLimitWindow;
		this.pageBucType = builder.pageBucType;
		this.usageHeaderFloor = builder.usageHeaderFloor;
		this.reviewLength = builder.reviewLength;
		this.firstCallStartsReview = builder.firstCallStartsReview;
		this.includeOwnAsset = builder.includeOwnAsset;
		this.edgeDefaultLimit = builder.edgeDefaultLimit;
		this.edgeMaxLimit = builder.edgeMaxLimit;
		this.clock = builder.clock;
		this.workerThreads = builder.workerThreads;
		this.appSecretProofRequired = builder.appSecretProofRequired;
		this.defaultVersion = builder.defaultVersion;
		this.callLogCapacity = builder.callLogCapacity;
		this.lenient = builder.lenient;
		this.extraBusinessUseCaseUsage = Map.copyOf(builder.extraBusinessUseCaseUsage);
	}

	public static Builder custom() {
		return new Builder();
	}

	public static EmulatorConfig defaults() {
		return custom().build();
	}

	/** A builder preloaded with this configuration, to derive a variant. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	public String bindAddress() {
		return bindAddress;
	}

	public int port() {
		return port;
	}

	public Duration latency() {
		return latency;
	}

	public FaultSettings faults() {
		return faults;
	}

	/** Calls per window one app may make with an app token; 0 means unlimited. */
	public int appCallBudget() {
		return appCallBudget;
	}

	/** Calls per window one Page may receive with its Page token; 0 means unlimited. */
	public int pageCallBudget() {
		return pageCallBudget;
	}

	public Duration rateLimitWindow() {
		return rateLimitWindow;
	}

	public PageBucType pageBucType() {
		return pageBucType;
	}

	/** Usage headers are sent once a scope has made at least this many calls in the current window. */
	public int usageHeaderFloor() {
		return usageHeaderFloor;
	}

	public Duration reviewLength() {
		return reviewLength;
	}

	public boolean firstCallStartsReview() {
		return firstCallStartsReview;
	}

	public boolean includeOwnAsset() {
		return includeOwnAsset;
	}

	public int edgeDefaultLimit() {
		return edgeDefaultLimit;
	}

	public int edgeMaxLimit() {
		return edgeMaxLimit;
	}

	public Clock clock() {
		return clock;
	}

	public int workerThreads() {
		return workerThreads;
	}

	public boolean appSecretProofRequired() {
		return appSecretProofRequired;
	}

	public String defaultVersion() {
		return defaultVersion;
	}

	public int callLogCapacity() {
		return callLogCapacity;
	}

	/** Whether the emulator accepts what Graph refuses per docs/graph-contract.md (the emulator before the contract). */
	public boolean lenient() {
		return lenient;
	}

	/** Extra BUC entries the answers of each scope (app or Page ID) carry; see {@link BusinessUseCaseUsage}. */
	public Map<String, List<BusinessUseCaseUsage>> extraBusinessUseCaseUsage() {
		return extraBusinessUseCaseUsage;
	}

	public static final class Builder {

		private String bindAddress = "127.0.0.1";

		private int port;

		private Duration latency = Duration.ZERO;

		private FaultSettings faults = FaultSettings.none();

		private int appCallBudget;

		private int pageCallBudget;

		private Duration rateLimitWindow = Duration.ofHours(1);

		private PageBucType pageBucType = PageBucType.PAGES;

		private int usageHeaderFloor;

		private Duration reviewLength = Duration.ofHours(48);

		private boolean firstCallStartsReview = true;

		private boolean includeOwnAsset = true;

		private int edgeDefaultLimit = 25;

		private int edgeMaxLimit = 100;

		private Clock clock = Clock.systemUTC();

		private int workerThreads = 64;

		private boolean appSecretProofRequired = true;

		private String defaultVersion = "v26.0";

		private int callLogCapacity = 10_000;

		private boolean lenient;

		private final Map<String, List<BusinessUseCaseUsage>> extraBusinessUseCaseUsage = new LinkedHashMap<>();

		private Builder() {
		}

		private Builder(EmulatorConfig config) {
			this.bindAddress = config.bindAddress;
			this.port = config.port;
			this.latency = config.latency;
			this.faults = config.faults;
			this.appCallBudget = config.appCallBudget;
			this.pageCallBudget = config.pageCallBudget;
			this.rateLimitWindow = config.rateLimitWindow;
			this.pageBucType = config.pageBucType;
			this.usageHeaderFloor = config.usageHeaderFloor;
			this.reviewLength = config.reviewLength;
			this.firstCallStartsReview = config.firstCallStartsReview;
			this.includeOwnAsset = config.includeOwnAsset;
			this.edgeDefaultLimit = config.edgeDefaultLimit;
			this.edgeMaxLimit = config.edgeMaxLimit;
			this.clock = config.clock;
			this.workerThreads = config.workerThreads;
			this.appSecretProofRequired = config.appSecretProofRequired;
			this.defaultVersion = config.defaultVersion;
			this.callLogCapacity = config.callLogCapacity;
			this.lenient = config.lenient;
			config.extraBusinessUseCaseUsage.forEach((scope, entries) -> entries
				.forEach(entry -> extraBusinessUseCaseUsage(scope, entry)));
		}

		/** Address to listen on; default {@code 127.0.0.1}. Anything but loopback must be asked for explicitly. */
		public Builder bindAddress(String bindAddress) {
			this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
			return this;
		}

		/** Port to listen on; default 0 (an ephemeral port, read it back from {@link GraphEmulator#baseUrl()}). */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be in [0, 65535]");
			}
			this.port = port;
			return this;
		}

		/** Added to every HTTP request before it is answered; default zero. */
		public Builder latency(Duration latency) {
			this.latency = requireNotNegative(latency, "latency");
			return this;
		}

		/** Injected faults; default {@link FaultSettings#none()}. */
		public Builder faults(FaultSettings faults) {
			this.faults = Objects.requireNonNull(faults, "faults");
			return this;
		}

		/** Platform budget per app (app-token calls per window, error #4); default 0 = unlimited. */
		public Builder appCallBudget(int calls) {
			this.appCallBudget = requireNotNegative(calls, "appCallBudget");
			return this;
		}

		/** BUC budget per Page (Page-token calls per window, error 80001/80006); default 0 = unlimited. */
		public Builder pageCallBudget(int calls) {
			this.pageCallBudget = requireNotNegative(calls, "pageCallBudget");
			return this;
		}

		/** Length of the rolling rate-limit window; default 1 h (tests use seconds). */
		public Builder rateLimitWindow(Duration window) {
			this.rateLimitWindow = requirePositive(window, "rateLimitWindow");
			return this;
		}

		/** BUC type of Page-token calls; default {@link PageBucType#PAGES} (80001). */
		public Builder pageBucType(PageBucType type) {
			this.pageBucType = Objects.requireNonNull(type, "pageBucType");
			return this;
		}

		/** Same as {@link #pageBucType(PageBucType)}, by error code: 80001 or 80006. */
		public Builder pageBucCode(int errorCode) {
			return pageBucType(PageBucType.forCode(errorCode));
		}

		/** Calls a scope must have made in the window before usage headers appear; default 0 (always). */
		public Builder usageHeaderFloor(int calls) {
			this.usageHeaderFloor = requireNotNegative(calls, "usageHeaderFloor");
			return this;
		}

		/** How long a review started by a first call lasts; default 48 h. */
		public Builder reviewLength(Duration length) {
			this.reviewLength = requireNotNegative(length, "reviewLength");
			return this;
		}

		/**
		 * Whether the first ID Matching call of a business or app whose review state is {@code not_requested} starts
		 * a review of {@link #reviewLength(Duration)}, as Graph does; default true. With false such a business is
		 * served as approved.
		 */
		public Builder firstCallStartsReview(boolean starts) {
			this.firstCallStartsReview = starts;
			return this;
		}

		/** Whether edge results include the input ID's own app or Page (reference §2.9.4); default true. */
		public Builder includeOwnAsset(boolean include) {
			this.includeOwnAsset = include;
			return this;
		}

		/** Edge page size when no {@code limit} is given; default 25 (a guess, reference §7). */
		public Builder edgeDefaultLimit(int limit) {
			this.edgeDefaultLimit = requirePositive(limit, "edgeDefaultLimit");
			return this;
		}

		/** Largest edge page; larger {@code limit}s are clamped to it; default 100 (a guess, reference §7). */
		public Builder edgeMaxLimit(int limit) {
			this.edgeMaxLimit = requirePositive(limit, "edgeMaxLimit");
			return this;
		}

		/** Clock of rate-limit windows, reviews, appsecret_time and the call log; default system UTC. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Threads serving HTTP requests; default 64. Raise it when latency is high and clients many. */
		public Builder workerThreads(int threads) {
			this.workerThreads = requirePositive(threads, "workerThreads");
			return this;
		}

		/** Whether every call needs an appsecret_proof ("Require App Secret" on); default true. */
		public Builder appSecretProofRequired(boolean required) {
			this.appSecretProofRequired = required;
			return this;
		}

		/** Version that unversioned paths are served as; default {@code v26.0}. */
		public Builder defaultVersion(String version) {
			if (GraphVersion.parse(version) == null) {
				throw new IllegalArgumentException("version must look like v26.0, was " + version);
			}
			this.defaultVersion = version;
			return this;
		}

		/** Call timestamps kept per scope for {@link EmulatorCounters#callTimes(String)}; default 10,000. */
		public Builder callLogCapacity(int capacity) {
			this.callLogCapacity = requirePositive(capacity, "callLogCapacity");
			return this;
		}

		/**
		 * Lenient keeps the emulator's older, more forgiving answers for old fixtures and clients: the Page's
		 * {@code business} to any Page token, parameters in a GET batch item's {@code body}, 190 for a missing
		 * token, profile fields to a Page token without {@code pages_messaging}, no usage headers on a batch's top
		 * level, no {@code X-Page-Usage} and no extra BUC entries. Default false: strict, refusing
		 * what Graph refuses per docs/graph-contract.md.
		 */
		public Builder lenient(boolean lenient) {
			this.lenient = lenient;
			return this;
		}

		/**
		 * Makes every answer of the scope (the app or Page ID of the call's token, the top level of a batch
		 * included) carry {@code entry} in {@code X-Business-Use-Case-Usage}, besides what its own budget reports:
		 * several objects and types in one header, as Graph sends them. Strict only; none by default, so the header
		 * carries the one object of the token's own scope (the Page) as before.
		 */
		public Builder extraBusinessUseCaseUsage(String scopeId, BusinessUseCaseUsage entry) {
			Objects.requireNonNull(scopeId, "scopeId");
			Objects.requireNonNull(entry, "entry");
			extraBusinessUseCaseUsage.compute(scopeId, (key, entries) -> {
				List<BusinessUseCaseUsage> all = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
				all.add(entry);
				return List.copyOf(all);
			});
			return this;
		}

		public EmulatorConfig build() {
			if (edgeDefaultLimit > edgeMaxLimit) {
				throw new IllegalArgumentException("edgeDefaultLimit must not exceed edgeMaxLimit");
			}
			return new EmulatorConfig(this);
		}

		private static Duration requireNotNegative(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative");
			}
			return value;
		}

		private static Duration requirePositive(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return value;
		}

		private static int requireNotNegative(int value, String name) {
			if (value < 0) {
				throw new IllegalArgumentException(name + " must not be negative");
			}
			return value;
		}

		private static int requirePositive(int value, String name) {
			if (value <= 0) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return value;
		}
	}
}
