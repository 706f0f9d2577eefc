package com.crosswalk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The measured rows (each runner's repeated runs as medians with their range) and the targets checked against the
 * medians, as JSON, which keeps every run too, and as Markdown, headed by when, on what code and on what machine.
 */
public final class BenchResults {

	static final String JSON_FILE = "results.json";

	static final String MARKDOWN_FILE = "results.md";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/** A target of the issue beside the value measured; {@code met} is null when its scenario did not run. */
	record Target(String name, String goal, String measured, Boolean met) {
	}

	private final BenchSettings settings;

	private final String databaseDescription;

	private final String databaseCpuNotMeasured;

	private final BenchMachine machine;

	private final Instant startedAt;

	private final Instant finishedAt = Instant.now();

	private final List<RunnerFigures> rows;

	private final List<ScenarioWindow> windows;

	/**
	 * @param databaseDescription the job's database, with a server's version and settings
	 * @param databaseCpuNotMeasured why the database's CPU has no figure of its own, null when it has
	 * @param windows when each scenario ran, with the load average
	 */
	BenchResults(BenchSettings settings, String databaseDescription, String databaseCpuNotMeasured,
			BenchMachine machine, Instant startedAt, List<RunnerFigures> rows, List<ScenarioWindow> windows) {
		this.settings = settings;
		this.databaseDescription = databaseDescription;
		this.databaseCpuNotMeasured = databaseCpuNotMeasured;
		this.machine = machine;
		this.startedAt = startedAt;
		this.rows = List.copyOf(rows);
		this.windows = List.copyOf(windows);
	}

	List<RunnerFigures> rows() {
		return rows;
	}

	/**
	 * The targets of the issue: speed targets depend on the database (the H2 file, the default every user starts
	 * with, or PostgreSQL, the production database).
	 */
	List<Target> targets() {
		boolean h2 = settings.onH2Files();
		int batchedGoal = h2 ? 8 : 15;
		int scaleGoal = h2 ? 6_000 : 20_000;
		String batched = ">= " + batchedGoal + "x";
		String scale = String.format(Locale.ROOT, ">= %,d IDs/s", scaleGoal);
		List<Target> targets = new ArrayList<>();
		Optional<RunnerFigures> s1 = job(1);
		targets.add(s1.map(r -> target("calls per person, scenario 1", "<= 1.05", r.callsPerPerson(), "%.3f",
				r.callsPerPerson().median() <= 1.05)).orElse(notRun("calls per person, scenario 1", "<= 1.05")));
		targets.add(s1.filter(r -> r.speedupBatched() != null)
			.map(r -> target("speed-up over batched, scenario 1", batched, r.speedupBatched(), "%.1f",
					r.speedupBatched().median() >= batchedGoal))
			.orElse(notRun("speed-up over batched, scenario 1", batched)));
		targets.add(s1.filter(r -> r.speedupNaive() != null)
			.map(r -> target("speed-up over naive, scenario 1", ">= 300x", r.speedupNaive(), "%.1f",
					r.speedupNaive().median() >= 300))
			.orElse(notRun("speed-up over naive, scenario 1", ">= 300x")));
		Optional<RunnerFigures> s2 = job(2);
		targets.addAll(s2.map(r -> quotaTargets(r, "scenario 2")).orElse(quotaNotRun("scenario 2")));
		targets.addAll(quotaOnWorkers());
		targets.add(job(3).map(r -> new Target("scenario 3 within -Xmx" + settings.jobHeap() + " at IDs/s",
				scale, r.idsPerSecond().format("%,.0f") + " IDs/s, peak heap "
						+ megabytes(r.peakHeapBytes()) + " MB",
				r.idsPerSecond().median() >= scaleGoal))
			.orElse(notRun("scenario 3 within -Xmx" + settings.jobHeap() + " at IDs/s", scale)));
		Optional<RunnerFigures> s4 = job(4);
		targets.add(s4.flatMap(r -> s1.map(first -> {
			double calls = r.calls().median();
			double firstCalls = first.calls().median();
			double share = firstCalls == 0 ? 0 : calls / firstCalls;
			return new Target("scenario 4 calls / scenario 1 calls", "<= 1%", String.format(Locale.ROOT,
					"%.3f%% (%s of %s)", share * 100, r.calls().format("%.0f"), first.calls().format("%.0f")),
					share <= 0.01);
		})).orElse(notRun("scenario 4 calls / scenario 1 calls", "<= 1%")));
		targets.add(workersSpeedup(2, 1.8, false));
		targets.add(workersSpeedup(4, 3.2, false));
		targets.add(workersSpeedup(2, 1.8, true));
		targets.add(workersSpeedup(4, 3.2, true));
		targets.add(callsPerPersonOnWorkers());
		return targets;
	}

	/** Scenario 2's quota targets for its run on workers; not run when it had none. */
	private List<Target> quotaOnWorkers() {
		return rows.stream()
			.filter(r -> r.scenario() == 2 && r.isJob() && !r.runner().equals(Benchmark.JOB))
			.findFirst()
			.map(r -> quotaTargets(r, "scenario 2 on " + r.runner().substring(Benchmark.JOB.length() + 2)))
			.orElse(quotaNotRun("scenario 2 on " + settings.quotaWorkers()
					+ (settings.quotaWorkers() == 1 ? " worker" : " workers")));
	}

	/**
	 * A quota-bound run's targets: utilisation (none when no scope was busy for a whole window, as in a tiny run)
	 * and the share of throttled answers.
	 */
	private static List<Target> quotaTargets(RunnerFigures r, String where) {
		String utilisation = "quota utilisation, " + where;
		double share = r.calls().median() == 0 ? 0 : r.throttled().median() / r.calls().median();
		return List.of(r.quotaUtilisation() == null
				? new Target(utilisation, ">= 0.95", "– (no scope busy for a whole window)", false)
				: target(utilisation, ">= 0.95", r.quotaUtilisation(), "%.3f", r.quotaUtilisation().median() >= 0.95),
				new Target("throttled answers, " + where, "<= 0.5% of calls", String.format(Locale.ROOT,
						"%.2f%% (%s of %s)", share * 100, r.throttled().format("%.0f"), r.calls().format("%.0f")),
						share <= 0.005));
	}

	private static List<Target> quotaNotRun(String where) {
		return List.of(notRun("quota utilisation, " + where, ">= 0.95"),
				notRun("throttled answers, " + where, "<= 0.5% of calls"));
	}

	/**
	 * Scenario 5: IDs/s on {@code workers} worker JVMs over those on one, end to end as the issue asks or, beside
	 * it, of the lookup alone (the part of a run workers spread).
	 */
	private Target workersSpeedup(int workers, double goal, boolean lookupAlone) {
		String name = "scenario 5, " + (lookupAlone ? "lookup " : "") + "IDs/s on " + workers
				+ " workers / on 1 worker" + (lookupAlone ? " (lookup alone)" : "");
		String goalText = String.format(Locale.ROOT, ">= %.1fx", goal);
		return workersRow(workers).filter(r -> workersRow(1).isPresent())
			.map(r -> lookupAlone ? r.lookupPerOneWorker() : r.perOneWorker())
			.map(ratio -> target(name, goalText, ratio, "%.2f×", ratio.median() >= goal))
			.orElse(notRun(name, goalText));
	}

	/**
	 * Scenario 5: every runner's calls per person against those on one worker. "Unchanged" allows 2 %: the order
	 * in which partitions' answers are recorded moves which IDs another answer covered before they were looked up.
	 */
	private Target callsPerPersonOnWorkers() {
		String name = "scenario 5, calls per person against 1 worker's";
		String goal = "within 2%";
		Optional<RunnerFigures> one = workersRow(1);
		List<RunnerFigures> others = rows.stream()
			.filter(r -> r.scenario() == 5 && one.map(o -> o != r).orElse(false))
			.toList();
		if (one.isEmpty() || others.isEmpty() || one.get().callsPerPerson() == null) {
			return notRun(name, goal);
		}
		double base = one.get().callsPerPerson().median();
		boolean met = true;
		StringBuilder measured = new StringBuilder(String.format(Locale.ROOT, "1 worker %.3f", base));
		for (RunnerFigures r : others) {
			double cpp = r.callsPerPerson().median();
			met &= base > 0 && Math.abs(cpp / base - 1) <= 0.02;
			measured.append(String.format(Locale.ROOT, "; %s %.3f", r.runner().substring(Benchmark.JOB.length() + 2),
					cpp));
		}
		return new Target(name, goal, measured.toString(), met);
	}

	private Optional<RunnerFigures> workersRow(int workers) {
		return rows.stream()
			.filter(r -> r.scenario() == 5 && r.runner().equals(Benchmark.onWorkers(workers)))
			.findFirst();
	}

	/** Writes results.json and results.md into {@code dir}; returns the Markdown. */
	public String write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("started_at", startedAt.toString());
		json.put("finished_at", finishedAt.toString());
		json.put("commit", machine.commit());
		json.put("machine", machine.asMap());
		json.put("settings", settingsMap());
		json.put("scenarios", windows.stream().map(ScenarioWindow::asMap).toList());
		json.put("database_cpu_not_measured", databaseCpuNotMeasured);
		json.put("rows", rows.stream().map(RunnerFigures::asMap).toList());
		json.put("targets", targets().stream().map(t -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("name", t.name());
			m.put("goal", t.goal());
			m.put("measured", t.measured());
			m.put("met", t.met());
			return m;
		}).toList());
		Files.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(json), StandardCharsets.UTF_8);
		String markdown = markdown();
		Files.writeString(dir.resolve(MARKDOWN_FILE), markdown, StandardCharsets.UTF_8);
		return markdown;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		header(md);
		md.append("| Scenario | Runner | Input IDs | Graph calls | Calls/person | Calls/ID | Wall s | IDs/s"
				+ " | Quota util. | Throttled | Retries | Peak heap MB | Peak RSS MB | × naive | × batched |\n");
		md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (RunnerFigures r : rows) {
			md.append("| ").append(scenario(r))
				.append(" | ").append(r.runner())
				.append(" | ").append(String.format(Locale.ROOT, "%,d%s", r.ids(), r.sampled() ? " (sample)" : ""))
				.append(" | ").append(format(r.calls(), "%,.0f"))
				.append(" | ").append(format(r.callsPerPerson(), "%.3f"))
				.append(" | ").append(format(r.callsPerId(), "%.3f"))
				.append(" | ").append(format(r.wallSeconds(), "%.1f"))
				.append(" | ").append(format(r.idsPerSecond(), "%,.1f"))
				.append(" | ").append(format(r.quotaUtilisation(), "%.3f"))
				.append(" | ").append(format(r.throttled(), "%.0f"))
				.append(" | ").append(format(r.retries(), "%.0f"))
				.append(" | ").append(megabytes(r.peakHeapBytes()))
				.append(" | ").append(megabytes(r.peakRssBytes()))
				.append(" | ").append(format(r.speedupNaive(), "%,.1f×"))
				.append(" | ").append(format(r.speedupBatched(), "%,.1f×"))
				.append(" |\n");
		}
		workers(md);
		cpu(md);
		load(md);
		md.append("\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n");
		for (Target t : targets()) {
			md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
				.append(" | ").append(t.met() == null ? "not run" : t.met() ? "yes" : "**no**").append(" |\n");
		}
		List<String> notes = new ArrayList<>();
		for (RunnerFigures r : rows) {
			if (r.note() != null) {
				notes.add("Scenario " + r.scenario() + ", " + r.runner() + ": " + r.note() + ".");
			}
		}
		notes.add("The job's database: " + databaseDescription + ".");
		notes.add("Wall time and IDs/s are end to end: the job's JVM and Spring start-up, import, lookups, merge and"
				+ " reports (job-only seconds are in results.json). Baselines on a sample are compared by rate (IDs/s)"
				+ " and calls per ID.");
		notes.add("Quota utilisation: calls in the whole rate-limit windows between each scope's first ID read (after"
				+ " the start-up check's calls) and its last call, divided by the budget of those windows, summed over"
				+ " scopes.");
		if (rows.stream().anyMatch(r -> r.isJob() && r.runner().contains(" worker"))) {
			notes.add("Runs on workers: Graph calls are the emulator's count, the manager's and every worker's"
					+ " together. The job JVM's CPU-seconds are the manager's and its worker JVMs' together (the"
					+ " kernel adds a child's CPU to its parent's when the parent reaps it, and the manager stops and"
					+ " reaps its workers before it exits); peak heap and RSS are the manager JVM's alone.");
		}
		md.append('\n');
		notes.forEach(n -> md.append("- ").append(n).append('\n'));
		return md.toString();
	}

	private void header(StringBuilder md) {
		String day = DAY.format(startedAt);
		String endDay = DAY.format(finishedAt);
		md.append("# Bench results, ").append(day).append(", ").append(HOUR.format(startedAt)).append('–')
			.append(endDay.equals(day) ? "" : endDay + " ").append(HOUR.format(finishedAt)).append(" UTC\n\n");
		md.append("- Commit: ").append(machine.commit()).append('\n');
		md.append("- Machine: ").append(machine.summary());
		if (!windows.isEmpty()) {
			md.append("; load average (1 / 5 / 15 min) ").append(load(windows.get(0).loadAtStart()))
				.append(" at the start, ").append(load(windows.get(windows.size() - 1).loadAtEnd()))
				.append(" at the end");
		}
		md.append('\n');
		md.append("- JVM: ").append(machine.java()).append("; the job's heap -Xmx").append(settings.jobHeap())
			.append('\n');
		md.append("- Database: ").append(databaseDescription).append('\n');
		md.append("- Runs: ").append(settings.repeat() == 1 ? "each runner once (`--repeat 1`)"
				: "each runner " + settings.repeat() + " times (`--repeat " + settings.repeat()
						+ "`): medians, min–max in brackets; speed-ups are ratios of the medians, the range that of"
						+ " the ratios run by run")
			.append("\n\n");
	}

	/** Scenario 5's runners side by side: what each number of worker JVMs, or one JVM allowed as much, buys. */
	private void workers(StringBuilder md) {
		List<RunnerFigures> scenario5 = rows.stream().filter(r -> r.scenario() == 5).toList();
		if (scenario5.isEmpty()) {
			return;
		}
		md.append("\nScenario 5, ").append(scenario5.get(0).scenarioName())
			.append(", each runner on an empty database:\n\n");
		md.append("| Runner | Wall s | IDs/s | Graph calls | Calls/person | × 1 worker | Lookup s | Lookup IDs/s"
				+ " | Lookup × 1 worker |\n");
		md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (RunnerFigures r : scenario5) {
			md.append("| ").append(r.runner())
				.append(" | ").append(format(r.wallSeconds(), "%.1f"))
				.append(" | ").append(format(r.idsPerSecond(), "%,.1f"))
				.append(" | ").append(format(r.calls(), "%,.0f"))
				.append(" | ").append(format(r.callsPerPerson(), "%.3f"))
				.append(" | ").append(format(r.perOneWorker(), "%.2f×"))
				.append(" | ").append(format(r.lookupSeconds(), "%.1f"))
				.append(" | ").append(format(r.lookupIdsPerSecond(), "%,.1f"))
				.append(" | ").append(format(r.lookupPerOneWorker(), "%.2f×"))
				.append(" |\n");
		}
		md.append("\nWall s and IDs/s end to end (JVM start, import, lookup, merge, reports); Lookup s: the lookup's"
				+ " passes alone (their steps' durations in the job's metrics.prom), the part of a run workers spread;"
				+ " the targets use the end-to-end figures.\n");
	}

	/** CPU-seconds per process over each run: what bounds the scenario, and what else took the machine. */
	private void cpu(StringBuilder md) {
		md.append("\nCPU-seconds per run, per process:\n\n");
		md.append("| Scenario | Runner | Wall s | Job JVM | Database | Emulator (bench JVM) | All processes"
				+ " | Other processes |\n");
		md.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
		for (RunnerFigures r : rows) {
			md.append("| ").append(scenario(r))
				.append(" | ").append(r.runner())
				.append(" | ").append(format(r.wallSeconds(), "%.1f"))
				.append(" | ").append(format(r.jobCpu(), "%.1f"))
				.append(" | ").append(r.isJob() && r.databaseCpu() == null && databaseCpuNotMeasured != null
						? "see below" : format(r.databaseCpu(), "%.1f"))
				.append(" | ").append(format(r.benchJvmCpu(), "%.1f"))
				.append(" | ").append(format(r.machineCpu(), "%.1f"))
				.append(" | ").append(format(r.otherCpu(), "%.1f"))
				.append(" |\n");
		}
		md.append('\n');
		if (databaseCpuNotMeasured != null) {
			md.append("Database: ").append(databaseCpuNotMeasured).append(". ");
		}
		md.append(String.format(Locale.ROOT, "The machine has %d cores: %d CPU-seconds per second of wall time."
				+ " Emulator (bench JVM): the JVM serving the Graph API emulator; in a baseline's row it runs the"
				+ " baseline too. Other processes: all processes' CPU less the bench's own (job, database, bench"
				+ " JVM), work that competed with the run.%n", machine.cores(), machine.cores()));
	}

	private void load(StringBuilder md) {
		if (windows.isEmpty()) {
			return;
		}
		md.append("\n| Scenario | UTC | Load average at start (1 / 5 / 15 min) | At end |\n|---|---|---|---|\n");
		for (ScenarioWindow w : windows) {
			md.append("| ").append(w.scenario()).append(" | ").append(HOUR.format(w.start())).append('–')
				.append(HOUR.format(w.end())).append(" | ").append(load(w.loadAtStart())).append(" | ")
				.append(load(w.loadAtEnd())).append(" |\n");
		}
	}

	private static String scenario(RunnerFigures r) {
		return r.scenario() + ". " + r.scenarioName();
	}

	private Optional<RunnerFigures> job(int scenario) {
		return rows.stream().filter(r -> r.scenario() == scenario && r.isJob()).findFirst();
	}

	private static Target target(String name, String goal, Spread measured, String pattern, boolean met) {
		return new Target(name, goal, measured.format(pattern), met);
	}

	private static Target notRun(String name, String goal) {
		return new Target(name, goal, "–", null);
	}

	private Map<String, Object> settingsMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("scenarios", settings.scenarios());
		m.put("repeat", settings.repeat());
		m.put("persons", settings.persons());
		m.put("scale_ids", settings.scaleIds());
		m.put("latency_ms", settings.latency().toMillis());
		m.put("naive_sample", settings.naiveSample());
		m.put("batched_sample", settings.batchedSample());
		m.put("quota_persons", settings.quotaPersons());
		m.put("quota_budget", settings.quotaBudget());
		m.put("quota_window_seconds", settings.quotaWindow().toSeconds());
		m.put("quota_workers", settings.quotaWorkers());
		m.put("workers_persons", settings.workersPersons());
		m.put("workers_latency_ms", settings.workersLatency().toMillis());
		m.put("worker_counts", settings.workerCounts());
		m.put("apps", settings.apps());
		m.put("pages", settings.pages());
		m.put("seed", settings.seed());
		m.put("job_heap", settings.jobHeap());
		m.put("database", databaseDescription);
		return m;
	}

	private static String load(LoadAverage load) {
		return load == null ? "–" : load.toString();
	}

	private static String format(Spread spread, String pattern) {
		return spread == null ? "–" : spread.format(pattern);
	}

	private static String megabytes(Spread bytes) {
		return bytes == null ? "–" : new Spread(Math.floor(bytes.median() / (1 << 20)),
				Math.floor(bytes.min() / (1 << 20)), Math.floor(bytes.max() / (1 << 20)), bytes.runs()).format("%.0f");
	}
}
