package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * Settings are checked before anything runs: a misspelt {@code crosswalk.*} name (command line, a --config file, an
 * environment variable), a misspelt option or a value out of range stops the job with exit code 2 and one line
 * naming it and what to give instead; and spreadsheet exports separated by ';', tab or '|' import as they are, or
 * with the delimiter the message names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsCheckTests {

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	int runs;

	@BeforeAll
	void setUp() {
		population = Population.generate(tmp.resolve("population"), 60, 2, 2, 7L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
	}

	@AfterAll
	void tearDown() {
		emulator.close();
	}

	@Test
	void theHintedPropertyOfTheOldMessageIsRefusedNamingTheRealOne() {
		CommandRun run = reconcile(population.input(), "--crosswalk.input.csv.delimiter=;");

		assertRefused(run).contains("unknown setting crosswalk.input.csv.delimiter (command line): did you mean"
				+ " crosswalk.input.delimiter?");
	}

	@Test
	void aMisspeltSettingInAConfigFileIsRefusedWithItsFileAndLine() throws Exception {
		Path config = tmp.resolve("extra.yml");
		Files.writeString(config, "crosswalk:\n  lookup:\n    group-size: 400\n  input:\n    delimter: \";\"\n");

		CommandRun run = reconcile(population.input(), "--config", config.toString());

		assertRefused(run).contains("unknown setting crosswalk.input.delimter (" + config + " line 5): did you mean"
				+ " crosswalk.input.delimiter?");
	}

	@Test
	void aMisspeltEnvironmentVariableIsRefusedNamingTheVariableToSet() throws Exception {
		JobProcess job = JobProcess.start(tmp.resolve("logs"), "env",
				Map.of("CROSSWALK_LOOKUP_GROUP_SIZ", "400", "CROSSWALK_APP_1_SECRET", "not-used-by-the-emulator"),
				args(population.input()));

		assertThat(job.awaitExit(Duration.ofMinutes(2))).as(job.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(job.err()).as(job.toString())
			.contains("unknown environment variable CROSSWALK_LOOKUP_GROUP_SIZ: did you mean"
					+ " CROSSWALK_LOOKUP_GROUP_SIZE?")
			.doesNotContain("CROSSWALK_APP_1_SECRET")
			.doesNotContain("\tat ");
	}

	@Test
	void aMisspeltOptionIsRefusedNamingTheNearestOption() {
		CommandRun run = reconcile(population.input(), "--dealimiter", ";");

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.err()).startsWith("reconcile: unknown option --dealimiter; did you mean --delimiter?");
	}

	@Test
	void aValueOutOfRangeIsRefusedNamingTheRange() {
		CommandRun run = reconcile(population.input(), "--crosswalk.graph.batch-size=80",
				"--crosswalk.graph.slowdown-at=0", "--crosswalk.workers.jvm-options=Xmx1g");

		assertRefused(run).contains("crosswalk.graph.batch-size = '80' (command line): must be between 1 and 50")
			.contains("crosswalk.graph.slowdown-at = '0' (command line): must be a share in (0, 1]")
			.contains("crosswalk.workers.jvm-options = 'Xmx1g' (command line): must be JVM options separated by"
					+ " spaces, each starting with -");
	}

	@Test
	void aSemicolonExportImportsAsItIs() throws Exception {
		Path semicolons = export(';');

		CommandRun run = reconcile(semicolons);

		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(rowsRead(run)).isEqualTo(dataLines(semicolons));
		assertThat(run.out()).contains("rejected 0");
	}

	@Test
	void tabAndPipeExportsImportAsTheyAre() throws Exception {
		for (char delimiter : new char[] { '\t', '|' }) {
			Path export = export(delimiter);

			CommandRun run = reconcile(export, "--dry-run");

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
			assertThat(run.out()).contains("Dry run: " + dataLines(export) + " rows read, " + dataLines(export)
					+ " accepted, 0 rejected");
		}
	}

	/** A delimiter given is used as given; the message then names the one to give, and giving it works. */
	@Test
	void theDelimiterHintWorksFollowedLiterally() throws Exception {
		Path semicolons = export(';');

		CommandRun refused = reconcile(semicolons, "--delimiter", ",");

		assertRefused(refused).contains("is the delimiter ';'? give --delimiter ';' (or set"
				+ " crosswalk.input.delimiter=;)");
		Matcher hint = Pattern.compile("give (--delimiter) '(.)' \\(or set (crosswalk\\.input\\.delimiter=.)\\)")
			.matcher(refused.err());
		assertThat(hint.find()).isTrue();
		// as a shell passes them: the quotes around ';' are the shell's
		for (String[] followed : List.of(new String[] { hint.group(1), hint.group(2) },
				new String[] { "--" + hint.group(3) })) {
			CommandRun run = reconcile(semicolons, CommandRun.concat(followed, new String[] { "--dry-run" }));

			assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
			assertThat(run.out()).contains("Dry run: " + dataLines(semicolons) + " rows read, "
					+ dataLines(semicolons) + " accepted, 0 rejected");
		}
	}

	private CommandRun reconcile(Path input, String... extra) {
		return CommandRun.of(CommandRun.concat(args(input), extra));
	}

	private String[] args(Path input) {
		runs++;
		return CommandRun.concat(new String[] { "reconcile", "--input", input.toString(), "--graph-url",
				emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				tmp.resolve("out-" + runs).toString() }, TestDatabase.h2(tmp.resolve("db-" + runs)).options());
	}

	/** The generated export with another delimiter (its values hold none of these characters). */
	private Path export(char delimiter) throws Exception {
		String text = Files.readString(population.input());
		assertThat(text).doesNotContain(";", "\t", "|", "\"");
		Path export = tmp.resolve("export-" + (int) delimiter + ".csv");
		Files.writeString(export, text.replace(',', delimiter));
		return export;
	}

	private static long dataLines(Path file) throws Exception {
		return Files.readAllLines(file).stream().skip(1).filter(line -> !line.isBlank()).count();
	}

	private static long rowsRead(CommandRun run) {
		Matcher rows = Pattern.compile("rows read\\s+([0-9,]+)").matcher(run.out());
		assertThat(rows.find()).as(run.toString()).isTrue();
		return Long.parseLong(rows.group(1).replace(",", ""));
	}

	private static org.assertj.core.api.AbstractStringAssert<?> assertRefused(CommandRun run) {
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(run.err()).as("one line, no stack trace").doesNotContain("\tat ").hasLineCount(1);
		assertThat(run.out()).as("nothing ran").doesNotContain("Crosswalk run");
		return assertThat(run.err()).as(run.toString());
	}
}
