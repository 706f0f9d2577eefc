package com.crosswalk.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run report as a person sees it: the job runs on a small generated population against the emulator, then
 * headless Chromium (Debian's {@code chromium}, installed by ./test.sh) opens out/report.html from disk and the test
 * reads what the rendered page shows. Without Chromium this test fails: a report nobody has looked at is not tested.
 */
class RunReportBrowserTests {

	@TempDir
	static Path tmp;

	static GraphEmulator emulator;

	static TestDatabase database;

	static CommandRun run;

	static JsonNode summary;

	static String dom;

	@BeforeAll
	static void runTheJobAndOpenTheReport() throws Exception {
		Population population = Population.generate(tmp.resolve("population"), 300, 2, 3, 11L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		database = TestDatabase.h2(tmp.resolve("db"));
		run = CommandRun.of(CommandRun.concat(new String[] { "reconcile", "--input", population.input().toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out").toString(), "--crosswalk.graph.app-calls-per-hour=1000000",
				"--crosswalk.graph.page-calls-per-hour=1000000" }, database.options()));
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		summary = JsonMapper.builder().build().readTree(tmp.resolve("out/run-summary.json").toFile());
		dom = dumpDom(tmp.resolve("out/report.html"));
	}

	@AfterAll
	static void stopEmulator() {
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void showsTheSummaryCountsOfTheRun() {
		assertThat(dom).contains("Crosswalk run");
		assertThat(shownCount("rows_read")).isEqualTo(summary.get("rows_read").asLong()).isPositive();
		assertThat(shownCount("rows_rejected")).isEqualTo(summary.get("rows_rejected").asLong()).isPositive();
		assertThat(shownCount("persons")).isEqualTo(summary.get("persons").asLong()).isPositive();
		assertThat(shownCount("ids_blocked")).isEqualTo(summary.get("ids_blocked_pending_review").asLong());
		assertThat(shownCount("graph_calls")).isEqualTo(summary.get("graph_calls").asLong()).isPositive();
		assertThat(shownCount("retries")).isEqualTo(summary.get("retries").asLong());
		assertThat(shownCount("throttle_waits")).isEqualTo(summary.get("throttle_waits").asLong());
		assertThat(dom).doesNotContain("does-not-add-up");
	}

	@Test
	void chartsEveryGraphCallByMinuteAgainstTheBudget() {
		List<Long> bars = attributeValues("data-calls");
		assertThat(bars).isNotEmpty();
		assertThat(bars.stream().mapToLong(Long::longValue).sum()).as("calls in the chart")
			.isEqualTo(summary.get("graph_calls").asLong());
		assertThat(dom).contains("id=\"budget-line\"");
		// 2 apps and 3 Pages at 1,000,000 calls per hour each
		assertThat(dom).contains("83333.3 calls per minute across the business");
	}

	@Test
	void histogramCoversEveryPersonWithAScopedId() {
		long personsWithScopedIds = database.jdbc().queryForObject("SELECT COUNT(DISTINCT person_key) FROM cw_identity"
				+ " WHERE person_key IS NOT NULL AND id_type IN ('psid', 'asid')", Long.class);
		assertThat(attributeValues("data-persons").stream().mapToLong(Long::longValue).sum())
			.isEqualTo(personsWithScopedIds).isPositive();
	}

	@Test
	void listsBlockedScopesWithTheirReviewMessageAndNextProbe() {
		JdbcTemplate jdbc = database.jdbc();
		List<String> scopes = jdbc.queryForList("SELECT scope_id FROM cw_blocked_scope", String.class);
		assertThat(scopes).as("the generated population has a business under review").isNotEmpty();
		for (String scope : scopes) {
			assertThat(dom).contains("data-scope=\"" + scope + "\"");
		}
		String message = jdbc.queryForObject("SELECT message FROM cw_blocked_scope FETCH FIRST 1 ROWS ONLY",
				String.class);
		assertThat(dom).contains(asTextInDom(message)).contains("class=\"next-probe\"");
	}

	@Test
	void listsTheTopRejectionReasonsWithExampleLines() {
		String reason = database.jdbc().queryForObject("SELECT reason FROM cw_reject WHERE stage = 'INPUT'"
				+ " GROUP BY reason ORDER BY COUNT(*) DESC, reason FETCH FIRST 1 ROWS ONLY", String.class);
		assertThat(dom).contains("id=\"rejections\"").contains(asTextInDom(reason));
		assertThat(dom).containsPattern("<code>[^<]*line \\d+");
	}

	@Test
	void theMarkdownReportShowsTheSameCounts() throws Exception {
		String md = Files.readString(tmp.resolve("out/report.md"));
		assertThat(md).contains(String.format("| persons | %,d |", summary.get("persons").asLong()))
			.contains("## Blocked scopes").contains("## Top rejection reasons").contains("## IDs per person");
	}

	/** How Chromium serializes text content: only these three are escaped. */
	private static String asTextInDom(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static long shownCount(String key) {
		Matcher m = Pattern.compile("data-count=\"" + key + "\">([0-9,]+)<").matcher(dom);
		assertThat(m.find()).as("count %s on the page", key).isTrue();
		return Long.parseLong(m.group(1).replace(",", ""));
	}

	private static List<Long> attributeValues(String attribute) {
		List<Long> values = new ArrayList<>();
		Matcher m = Pattern.compile(attribute + "=\"(\\d+)\"").matcher(dom);
		while (m.find()) {
			values.add(Long.parseLong(m.group(1)));
		}
		return values;
	}

	/** The DOM after Chromium parsed and laid out the page: what a person opening the file gets. */
	static String dumpDom(Path html) throws Exception {
		String chromium = chromium();
		Path profile = Files.createTempDirectory(tmp, "chromium-profile");
		Path stderr = tmp.resolve("chromium.err");
		Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--dump-dom", html.toUri().toString())
			.redirectError(stderr.toFile())
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("chromium did not finish within 60 s");
		}
		assertThat(process.exitValue()).as("chromium exit code; stderr: %s", Files.readString(stderr)).isZero();
		assertThat(out).as("DOM dumped by chromium").contains("</html>");
		return out;
	}

	private static String chromium() {
		for (String name : List.of("chromium", "chromium-browser")) {
			for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
				File candidate = new File(dir, name);
				if (candidate.canExecute()) {
					return candidate.getPath();
				}
			}
		}
		return fail("Headless Chromium is needed to test the HTML report and was not found on PATH. Install Debian's"
				+ " 'chromium' package (apt-get install -y chromium); ./test.sh installs it when it runs as root.");
	}
}
