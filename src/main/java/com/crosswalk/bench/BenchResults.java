package com.crosswalk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The measured rows and the targets checked against them, as JSON and as a Markdown table. */
public final class BenchResults {

	static final String JSON_FILE = "results.json";

	static final String MARKDOWN_FILE = "results.md";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** A target of the issue beside the value measured; {@code met} is null when its scenario did not run. */
	record Target(String name, String goal, String measured, Boolean met) {
	}

	private final BenchSettings settings;

	private final String databaseDescription;

	private final List<Measurement> rows;

	private final Instant finishedAt = Instant.now();

	/** @param databaseDescription the job's database, with a server's version and settings */
	BenchResults(BenchSettings settings, String databaseDescription, List<Measurement> rows) {
		this.settings = settings;
		this.databaseDescription = databaseDescription;
		this.rows = List.copyOf(rows);
	}

	List<Measurement> rows() {
		return rows;
	}

	List<Target> targets() {
		List<Target> targets = new ArrayList<>();
		Optional<Measurement> s1 = job(1);
		targets.add(s1.map(r -> target("calls per person, scenario 1", "<= 1.05", r.callsPerPerson(),
				r.callsPerPerson() <= 1.05)).orElse(notRun("calls per person, scenario 1", "<= 1.05")));
		targets.add(s1.filter(r -> r.speedupBatched() != null)
			.map(r -> target("speed-up over batched, scenario 1", ">= 10x", r.speedupBatched(), r.speedupBatched() >= 10))
			.orElse(notRun("speed-up over batched, scenario 1", ">= 10x")));
		targets.add(s1.filter(r -> r.speedupNaive() != null)
			.map(r -> target("speed-up over naive, scenario 1", ">= 300x", r.speedupNaive(), r.speedupNaive() >= 300))
			.orElse(notRun("speed-up over naive, scenario 1", ">= 300x")));
		Optional<Measurement> s2 = job(2);
		targets.add(s2.map(r -> target("quota utilisation, scenario 2", ">= 0.95", r.quotaUtilisation(),
				r.quotaUtilisation() != null && r.quotaUtilisation() >= 0.95))
			.orElse(notRun("quota utilisation, scenario 2", ">= 0.95")));
		targets.add(s2.map(r -> {
			double share = r.calls() == 0 ? 0 : (double) r.throttled() / r.calls();
			return new Target("throttled answers, scenario 2", "<= 0.5% of calls",
					String.format(Locale.ROOT, "%.2f%% (%d of %d)", share * 100, r.throttled(), r.calls()),
					share <= 0.005);
		}).orElse(notRun("throttled answers, scenario 2", "<= 0.5% of calls")));
		targets.add(job(3).map(r -> new Target("scenario 3 within -Xmx" + settings.jobHeap() + " at IDs/s",
				">= 10,000 IDs/s", String.format(Locale.ROOT, "%,.0f IDs/s, peak heap %s", r.idsPerSecond(),
						megabytes(r.peakHeapBytes())), r.idsPerSecond() >= 10_000))
			.orElse(notRun("scenario 3 within -Xmx" + settings.jobHeap() + " at IDs/s", ">= 10,000 IDs/s")));
		Optional<Measurement> s4 = job(4);
		targets.add(s4.flatMap(r -> s1.map(first -> {
			double share = first.calls() == 0 ? 0 : (double) r.calls() / first.calls();
			return new Target("scenario 4 calls / scenario 1 calls", "<= 1%",
					String.format(Locale.ROOT, "%.3f%% (%d of %d)", share * 100, r.calls(), first.calls()),
					share <= 0.01);
		})).orElse(notRun("scenario 4 calls / scenario 1 calls", "<= 1%")));
		return targets;
	}

	/** Writes results.json and results.md into {@code dir}; returns the Markdown. */
	public String write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("finished_at", finishedAt.toString());
		json.put("machine", machine());
		json.put("settings", settingsMap());
		json.put("rows", rows.stream().map(Measurement::asMap).toList());
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
		md.append("| Scenario | Runner | Input IDs | Graph calls | Calls/person | Calls/ID | Wall s | IDs/s"
				+ " | Quota util. | Throttled | Retries | Peak heap MB | Peak RSS MB | × naive | × batched |\n");
		md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (Measurement r : rows) {
			md.append("| ").append(r.scenario()).append(". ").append(r.scenarioName())
				.append(" | ").append(r.runner())
				.append(" | ").append(String.format(Locale.ROOT, "%,d%s", r.ids(), r.sampled() ? " (sample)" : ""))
				.append(" | ").append(String.format(Locale.ROOT, "%,d", r.calls()))
				.append(" | ").append(decimal(r.callsPerPerson(), 3))
				.append(" | ").append(decimal(r.callsPerId(), 3))
				.append(" | ").append(decimal(r.wallSeconds(), 1))
				.append(" | ").append(String.format(Locale.ROOT, "%,.1f", r.idsPerSecond()))
				.append(" | ").append(decimal(r.quotaUtilisation(), 3))
				.append(" | ").append(r.throttled())
				.append(" | ").append(r.retries())
				.append(" | ").append(megabytes(r.peakHeapBytes()))
				.append(" | ").append(megabytes(r.peakRssBytes()))
				.append(" | ").append(times(r.speedupNaive()))
				.append(" | ").append(times(r.speedupBatched()))
				.append(" |\n");
		}
		md.append("\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n");
		for (Target t : targets()) {
			md.append("| ").append(t.name()).append(" | ").append(t.goal()).append(" | ").append(t.measured())
				.append(" | ").append(t.met() == null ? "not run" : t.met() ? "yes" : "**no**").append(" |\n");
		}
		List<String> notes = new ArrayList<>();
		for (Measurement r : rows) {
			if (r.note() != null) {
				notes.add("Scenario " + r.scenario() + ", " + r.runner() + ": " + r.note() + ".");
			}
		}
		notes.add("The job's database: " + databaseDescription + ".");
		notes.add("Wall time and IDs/s are end to end: the job's JVM and Spring start-up, import, lookups, merge and"
				+ " reports (job-only seconds are in results.json). Baselines on a sample are compared by rate (IDs/s)"
				+ " and calls per ID.");
		notes.add("Quota utilisation: calls in the whole rate-limit windows between each scope's first and last call,"
				+ " divided by the budget of those windows, summed over scopes.");
		md.append('\n');
		notes.forEach(n -> md.append("- ").append(n).append('\n'));
		return md.toString();
	}

	private Optional<Measurement> job(int scenario) {
		return rows.stream().filter(r -> r.scenario() == scenario && r.runner().equals("crosswalk")).findFirst();
	}

	private static Target target(String name, String goal, Double measured, boolean met) {
		return new Target(name, goal, decimal(measured, 3), met);
	}

	private static Target notRun(String name, String goal) {
		return new Target(name, goal, "–", null);
	}

	private Map<String, Object> settingsMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("scenarios", settings.scenarios());
		m.put("persons", settings.persons());
		m.put("scale_ids", settings.scaleIds());
		m.put("latency_ms", settings.latency().toMillis());
		m.put("naive_sample", settings.naiveSample());
		m.put("batched_sample", settings.batchedSample());
		m.put("quota_persons", settings.quotaPersons());
		m.put("quota_budget", settings.quotaBudget());
		m.put("quota_window_seconds", settings.quotaWindow().toSeconds());
		m.put("apps", settings.apps());
		m.put("pages", settings.pages());
		m.put("seed", settings.seed());
		m.put("job_heap", settings.jobHeap());
		m.put("database", databaseDescription);
		return m;
	}

	private static Map<String, Object> machine() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("cores", Runtime.getRuntime().availableProcessors());
		m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		return m;
	}

	private static String decimal(Double value, int places) {
		return value == null ? "–" : String.format(Locale.ROOT, "%." + places + "f", value);
	}

	private static String times(Double value) {
		return value == null ? "–" : String.format(Locale.ROOT, "%,.1f×", value);
	}

	private static String megabytes(Long bytes) {
		return (bytes == null || bytes < 0) ? "–" : Long.toString(bytes >> 20);
	}
}
