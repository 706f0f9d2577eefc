package com.crosswalk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one benchmark run measures and at what size. Immutable; build with {@link #custom()}. The defaults size the
 * whole run to a few minutes on two cores.
 */
public final class BenchSettings {

	/** The {@code --postgres} value that starts a server of the bench's own: the default. */
	public static final String EMBEDDED_POSTGRES = "embedded";

	/** The {@code --postgres} value that keeps each scenario's data in an H2 file, the job's own default. */
	public static final String H2_FILES = "none";

	private final Set<Integer> scenarios;

	private final int persons;

	private final int scaleIds;

	private final Duration latency;

	private final int naiveSample;

	private final int batchedSample;

	private final int quotaPersons;

	private final int quotaBudget;

	private final Duration quotaWindow;

	private final int quotaWorkers;

	private final int workersPersons;

	private final Duration workersLatency;

	private final List<Integer> workerCounts;

	private final int apps;

	private final int pages;

	private final long seed;

	private final String jobHeap;

	private final boolean profile;

	private final int repeat;

	private final Path outDir;

	private final Path workDir;

	/** Null when the bench starts a server of its own. */
	private final BenchDatabase database;

	private BenchSettings(Builder builder) {
		this.scenarios = Set.copyOf(builder.scenarios);
		this.persons = builder.persons;
		this.scaleIds = builder.scaleIds;
		this.latency = builder.latency;
		this.naiveSample = builder.naiveSample;
		this.batchedSample = builder.batchedSample;
		this.quotaPersons = builder.quotaPersons;
		this.quotaBudget = builder.quotaBudget;
		this.quotaWindow = builder.quotaWindow;
		this.quotaWorkers = builder.quotaWorkers;
		this.workersPersons = builder.workersPersons;
		this.workersLatency = builder.workersLatency;
		this.workerCounts = List.copyOf(builder.workerCounts);
		this.apps = builder.apps;
		this.pages = builder.pages;
		this.seed = builder.seed;
		this.jobHeap = builder.jobHeap;
		this.profile = builder.profile;
		this.repeat = builder.repeat;
		this.outDir = builder.outDir;
		this.workDir = builder.workDir;
		this.database = switch (builder.postgresUrl) {
			case EMBEDDED_POSTGRES -> null;
			case H2_FILES -> BenchDatabase.h2();
			default -> BenchDatabase.postgres(builder.postgresUrl, builder.postgresUser);
		};
	}

	public static Builder custom() {
		return new Builder();
	}

	/** Scenario numbers 1..5, in order. */
	public Set<Integer> scenarios() {
		return new TreeSet<>(scenarios);
	}

	public boolean runs(int scenario) {
		return scenarios.contains(scenario);
	}

	/** Persons of the latency-bound population (scenarios 1 and 4). */
	public int persons() {
		return persons;
	}

	/** Input IDs of the scale scenario (3), approximately: the population is sized from it. */
	public int scaleIds() {
		return scaleIds;
	}

	/** Emulator latency per HTTP request in the latency-bound scenario. */
	public Duration latency() {
		return latency;
	}

	/** Input IDs the naive baseline runs on (the first ones of the input). */
	public int naiveSample() {
		return naiveSample;
	}

	/** Input IDs the batched baseline runs on (the first ones of the input). */
	public int batchedSample() {
		return batchedSample;
	}

	/** Persons of the quota-bound population (scenario 2). */
	public int quotaPersons() {
		return quotaPersons;
	}

	/** Calls each app and each Page may make per {@link #quotaWindow()} in the quota-bound scenario. */
	public int quotaBudget() {
		return quotaBudget;
	}

	public Duration quotaWindow() {
		return quotaWindow;
	}

	/** Worker JVMs of scenario 2's extra job run beside the one-JVM run; 0 for none. */
	public int quotaWorkers() {
		return quotaWorkers;
	}

	/** Persons of the workers scenario (5). */
	public int workersPersons() {
		return workersPersons;
	}

	/** Emulator latency per HTTP request in the workers scenario (5). */
	public Duration workersLatency() {
		return workersLatency;
	}

	/**
	 * The job runs of the workers scenario (5), one per worker count, ascending; the one-JVM run beside them has the
	 * largest count times the default max-in-flight.
	 */
	public List<Integer> workerCounts() {
		return workerCounts;
	}

	public int apps() {
		return apps;
	}

	public int pages() {
		return pages;
	}

	public long seed() {
		return seed;
	}

	/** The job JVM's -Xmx value, e.g. {@code 512m}. */
	public String jobHeap() {
		return jobHeap;
	}

	/** Whether the job JVMs record a JFR profile next to their logs. */
	public boolean profile() {
		return profile;
	}

	/** Runs of each runner per scenario; the results give their median and range. */
	public int repeat() {
		return repeat;
	}

	public Path outDir() {
		return outDir;
	}

	/** Where the jobs keep their data; null when the bench starts a server of its own ({@link #embeddedPostgres()}). */
	BenchDatabase database() {
		return database;
	}

	/** {@code --postgres none}: the jobs run on H2 files. */
	boolean onH2Files() {
		return database != null && database.isH2File();
	}

	/** {@code --postgres embedded}: the jobs run on a PostgreSQL server the bench starts and removes. */
	boolean embeddedPostgres() {
		return database == null;
	}

	/** Populations, databases and job outputs; deleted by nobody, so a slow run can be inspected. */
	public Path workDir() {
		return workDir;
	}

	public static final class Builder {

		private Set<Integer> scenarios = Set.of(1, 2, 3, 4);

		private int persons = 100_000;

		private int scaleIds = 1_000_000;

		private Duration latency = Duration.ofMillis(30);

		private int naiveSample = 1_000;

		private int batchedSample = 10_000;

		private int quotaPersons = 10_000;

		private int quotaBudget = 1_000;

		private Duration quotaWindow = Duration.ofSeconds(60);

		private int quotaWorkers = 2;

		private int workersPersons = 60_000;

		private Duration workersLatency = Duration.ofMillis(300);

		private List<Integer> workerCounts = List.of(1, 2, 4);

		private int apps = 2;

		private int pages = 3;

		private long seed = 42;

		private String jobHeap = "512m";

		private boolean profile;

		private int repeat = 1;

		private Path outDir = Path.of("out", "bench");

		private Path workDir;

		private String postgresUrl = EMBEDDED_POSTGRES;

		private String postgresUser;

		private Builder() {
		}

		/**
		 * Runs the jobs on this PostgreSQL server, a database each; {@value #EMBEDDED_POSTGRES} (the default) starts a
		 * server of the bench's own, {@value #H2_FILES} keeps each scenario's data in an H2 file instead.
		 */
		public Builder postgres(String serverUrl, String user) {
			this.postgresUrl = serverUrl;
			this.postgresUser = user;
			return this;
		}

		public Builder scenarios(Set<Integer> scenarios) {
			for (int scenario : scenarios) {
				if (scenario < 1 || scenario > 5) {
					throw new IllegalArgumentException("scenarios are 1, 2, 3, 4 and 5, not " + scenario);
				}
			}
			if (scenarios.contains(4) && !scenarios.contains(1)) {
				throw new IllegalArgumentException("scenario 4 re-runs scenario 1: give both (--scenarios 1,4)");
			}
			this.scenarios = Set.copyOf(scenarios);
			return this;
		}

		public Builder persons(int persons) {
			this.persons = positive(persons, "persons");
			return this;
		}

		public Builder scaleIds(int ids) {
			this.scaleIds = positive(ids, "scale-ids");
			return this;
		}

		public Builder latency(Duration latency) {
			Objects.requireNonNull(latency, "latency");
			if (latency.isNegative()) {
				throw new IllegalArgumentException("latency must not be negative");
			}
			this.latency = latency;
			return this;
		}

		public Builder naiveSample(int ids) {
			this.naiveSample = positive(ids, "naive sample");
			return this;
		}

		public Builder batchedSample(int ids) {
			this.batchedSample = positive(ids, "batched sample");
			return this;
		}

		public Builder quotaPersons(int persons) {
			this.quotaPersons = positive(persons, "quota-persons");
			return this;
		}

		public Builder quotaBudget(int calls) {
			this.quotaBudget = positive(calls, "quota-budget");
			return this;
		}

		public Builder quotaWindow(Duration window) {
			Objects.requireNonNull(window, "window");
			if (window.toSeconds() < 1) {
				throw new IllegalArgumentException("the quota window must be at least 1 s");
			}
			this.quotaWindow = window;
			return this;
		}

		/** @param workers 0: no workers run in scenario 2 */
		public Builder quotaWorkers(int workers) {
			if (workers < 0) {
				throw new IllegalArgumentException("quota-workers must not be negative, was " + workers);
			}
			this.quotaWorkers = workers;
			return this;
		}

		public Builder workersPersons(int persons) {
			this.workersPersons = positive(persons, "workers-persons");
			return this;
		}

		public Builder workersLatency(Duration latency) {
			Objects.requireNonNull(latency, "latency");
			if (latency.isNegative()) {
				throw new IllegalArgumentException("workers-latency-ms must not be negative");
			}
			this.workersLatency = latency;
			return this;
		}

		/**
		 * Distinct, each at least 1, and 1 among them: kept ascending, the first is the run the others are compared
		 * with.
		 */
		public Builder workerCounts(List<Integer> counts) {
			if (counts.isEmpty()) {
				throw new IllegalArgumentException("worker-counts must list at least one number, e.g. 1,2,4");
			}
			for (int count : counts) {
				positive(count, "each of worker-counts");
			}
			if (!counts.contains(1)) {
				throw new IllegalArgumentException("worker-counts must include 1, the run the others are compared"
						+ " with; was " + counts);
			}
			this.workerCounts = counts.stream().distinct().sorted().toList();
			return this;
		}

		public Builder apps(int apps) {
			this.apps = positive(apps, "apps");
			return this;
		}

		public Builder pages(int pages) {
			if (pages < 0) {
				throw new IllegalArgumentException("pages must not be negative");
			}
			this.pages = pages;
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Builder jobHeap(String heap) {
			if (heap == null || !heap.matches("\\d+[kKmMgG]?")) {
				throw new IllegalArgumentException("job heap must look like 512m, was " + heap);
			}
			this.jobHeap = heap;
			return this;
		}

		public Builder profile(boolean profile) {
			this.profile = profile;
			return this;
		}

		public Builder repeat(int runs) {
			this.repeat = positive(runs, "repeat");
			return this;
		}

		public Builder outDir(Path outDir) {
			this.outDir = Objects.requireNonNull(outDir, "outDir");
			return this;
		}

		public Builder workDir(Path workDir) {
			this.workDir = workDir;
			return this;
		}

		public BenchSettings build() {
			if (workDir == null) {
				workDir = outDir.resolve("work");
			}
			if (scenarios.contains(5) && H2_FILES.equals(postgresUrl)) {
				throw new IllegalArgumentException("scenario 5 runs worker JVMs, which need PostgreSQL: leave out"
						+ " --postgres none (the bench then starts a server of its own) or give a server's URL");
			}
			return new BenchSettings(this);
		}

		private static int positive(int value, String name) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, was " + value);
			}
			return value;
		}
	}
}
