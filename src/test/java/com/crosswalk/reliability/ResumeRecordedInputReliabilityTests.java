package com.crosswalk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.crosswalk.cli.ExitCode;
import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.GraphEmulator;
import com.crosswalk.support.CommandRun;
import com.crosswalk.support.JobProcess;
import com.crosswalk.support.Population;
import com.crosswalk.support.TestDatabase;

/**
 * {@code resume} resumes the input its run recorded, whatever is configured when it resumes: a run killed during its
 * import, resumed by the command {@code status} prints while another input is configured, imports the rest of its
 * own file and ends as an uninterrupted run of that file. A recorded file that is gone or changed is refused, and the
 * refusal's advice works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeRecordedInputReliabilityTests {

	/** About 2,000 input rows: a 20-row-chunk import on H2 runs for seconds, long enough to be killed in. */
	static final int KILLED_PERSONS = 1_200;

	/** The demo's configured input (config/application.yml): the input the resume read instead. */
	static final Path DEMO_INPUT = Path.of("sample-data", "customers.csv").toAbsolutePath();

	@TempDir
	static Path tmp;

	Population population;

	GraphEmulator emulator;

	@BeforeAll
	void startEmulator() {
		population = Population.generate(tmp.resolve("population"), KILLED_PERSONS, 2, 3, 19L);
		emulator = GraphEmulator.start(population.fixture(), EmulatorConfig.custom().build());
		assertThat(DEMO_INPUT).exists();
	}

	@AfterAll
	void stopEmulator() {
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void aRunKilledDuringItsImportResumesItsOwnInputThroughTheCommandStatusPrints() throws Exception {
		TestDatabase referenceDb = TestDatabase.h2(tmp.resolve("reference-db"));
		Path referenceOut = tmp.resolve("reference-out");
		CommandRun reference = CommandRun.of(CommandRun.concat(reconcile(population.input(), referenceOut),
				referenceDb.options()));
		assertThat(reference.exitCode()).as(reference.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		RunOutputs uninterrupted = RunOutputs.read(referenceDb.jdbc(), referenceOut);
		long inputRows = Files.lines(population.input()).count() - 1;
		assertThat(uninterrupted.counts().get("rows_read")).isEqualTo(inputRows);

		TestDatabase database = TestDatabase.h2(tmp.resolve("killed-db"));
		Path out = tmp.resolve("killed-out");
		Path logs = tmp.resolve("killed-logs");
		JobProcess killed = JobProcess.start(logs, "reconcile", CommandRun.concat(reconcile(population.input(), out),
				database.options(), new String[] {
						// small chunks: many checkpoints, and an import that lasts well past the first progress lines
						"--crosswalk.input.chunk-size=20",
						// a progress line reporting rows read is the kill signal: earlier chunks have committed
						"--crosswalk.progress-every=250ms" }));
		Pattern rowsRead = Pattern.compile("ProgressListener - import(: | \\[[#.]+\\] +\\d+% )[1-9]");
		assertThat(killed.awaitWhileAlive(() -> rowsRead.matcher(killed.out() + killed.err()).find(),
				Duration.ofMinutes(2))).as("the import logged progress before it ended: %s", killed).isTrue();
		killed.kill();
		JdbcTemplate jdbc = database.jdbc();
		assertThat(jdbc.queryForList("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STATUS <> 'COMPLETED'",
				String.class)).as("the step the kill cut short").containsExactly("importStep");
		Long staged = jdbc.queryForObject("SELECT COUNT(*) FROM cw_staging", Long.class);
		assertThat(staged).as("IDs the killed import committed").isPositive()
			.isLessThan(uninterrupted.tableRows().get("cw_staging"));

		CommandRun status = CommandRun.of(CommandRun.concat(new String[] { "status" }, database.options()));
		List<String> resume = printedResumeCommand(status);
		assertThat(resume.subList(0, 2)).containsExactly("./run.sh", "resume");
		assertThat(String.join(" ", resume)).as("the database's password is never printed")
			.doesNotContain("password");

		// ./run.sh runs Main with its arguments; the operator's configuration names other settings (the demo input
		// among them), as config/application.yml did in the issue; a run killed moments ago holds a lock that goes
		// stale after 2 s here, not 20
		JobProcess resumed = JobProcess.start(logs, "resume", Map.of(
				"CROSSWALK_INPUT_CSV", DEMO_INPUT.toString(),
				"CROSSWALK_GRAPH_BASEURL", emulator.baseUrl(),
				"CROSSWALK_BUSINESSFILE", population.businessFile().toString(),
				"CROSSWALK_OUTPUTDIR", out.toString(),
				"CROSSWALK_RUNLOCK_STALEAFTER", "2s"), resume.subList(1, resume.size()).toArray(String[]::new));
		int exit = resumed.awaitExit(Duration.ofMinutes(3));

		assertThat(exit).as(resumed.toString()).isEqualTo(reference.exitCode());
		assertThat(resumed.out()).as(resumed.toString()).contains("Resuming run 1")
			.contains(population.input().toAbsolutePath().normalize().toString());
		RunOutputs survived = RunOutputs.read(jdbc, out);
		assertThat(survived.counts().get("rows_read")).as("rows read: the whole recorded file").isEqualTo(inputRows);
		assertThat(survived.counts()).as("run summary counts").isEqualTo(uninterrupted.counts());
		assertThat(survived.tableRows()).as("rows per table").isEqualTo(uninterrupted.tableRows());
		assertThat(survived.personKeyById()).as("identity table").isEqualTo(uninterrupted.personKeyById());
		assertThat(survived.reports()).as("reports").isEqualTo(uninterrupted.reports());
	}

	@Test
	void aChangedInputIsRefusedAndANewRunOfItAsItIsNowWorks() throws Exception {
		Path input = tmp.resolve("changed/input.csv");
		Files.createDirectories(input.getParent());
		Files.copy(population.input(), input);
		TestDatabase database = TestDatabase.h2(tmp.resolve("changed/db"));
		Path out = tmp.resolve("changed/out");
		unfinishedRunOf(input, out, database);
		Files.writeString(input, "c-new,psid,1,1\n", StandardOpenOption.APPEND);

		CommandRun refused = resume(out, database);

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		String advice = "'./run.sh reconcile --input " + input + "'";
		assertThat(refused.err().strip()).as(refused.toString()).isEqualTo("crosswalk: run 1 cannot resume: its input"
				+ " file " + input + " has changed since the run started. Put the original file back to resume the"
				+ " run, or start a new run of the file as it is now with " + advice + " and your other options.");

		CommandRun newRun = CommandRun.of(CommandRun.concat(reconcile(input, out), database.options()));

		assertThat(newRun.exitCode()).as(newRun.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(newRun.out()).contains("Crosswalk run 2 ");
		assertThat(lastRowsRead(database)).isEqualTo(Files.lines(input).count() - 1);
	}

	@Test
	void aVanishedInputIsRefusedAndResumesOnceItIsBack() throws Exception {
		Path input = tmp.resolve("vanished/input.csv");
		Files.createDirectories(input.getParent());
		Files.copy(population.input(), input);
		TestDatabase database = TestDatabase.h2(tmp.resolve("vanished/db"));
		Path out = tmp.resolve("vanished/out");
		unfinishedRunOf(input, out, database);
		Path away = Files.move(input, tmp.resolve("vanished/away.csv"));

		CommandRun refused = resume(out, database);

		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);
		assertThat(refused.err().strip()).as(refused.toString()).isEqualTo("crosswalk: run 1 cannot resume: its input"
				+ " file " + input + " is gone. Put the file back to resume the run, or start a new run with"
				+ " './run.sh reconcile --input FILE' and your other options.");

		Files.move(away, input, StandardCopyOption.ATOMIC_MOVE);
		CommandRun resumed = resume(out, database);

		assertThat(resumed.exitCode()).as(resumed.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(resumed.out()).contains("Crosswalk run 1 (execution 2)");
	}

	/**
	 * Such a run recorded only its file's name and fingerprint: it resumes that file, not the configured one (whose
	 * fingerprint would not match).
	 */
	@Test
	void aRunRecordedBeforeItsReadingSettingsResumesItsOwnFile() {
		TestDatabase database = TestDatabase.h2(tmp.resolve("older/db"));
		Path out = tmp.resolve("older/out");
		unfinishedRunOf(population.input(), out, database);
		database.jdbc().update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME LIKE 'input.%'");

		CommandRun resumed = resume(out, database);

		assertThat(resumed.exitCode()).as(resumed.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(resumed.out()).contains("Crosswalk run 1 (execution 2)");
	}

	/** A run that failed on how it read its input starts again with the settings that fix it, not resumed as it was. */
	@Test
	void reconcileWithOtherReadingSettingsStartsANewRun() throws Exception {
		TestDatabase database = TestDatabase.h2(tmp.resolve("settings/db"));
		Path out = tmp.resolve("settings/out");
		CommandRun wrongLayout = CommandRun.of(CommandRun.concat(reconcile(population.input(), out),
				database.options(), new String[] { "--layout", "wide" }));
		assertThat(wrongLayout.exitCode()).as(wrongLayout.toString()).isEqualTo(ExitCode.BAD_CONFIGURATION);

		CommandRun fixed = CommandRun.of(CommandRun.concat(reconcile(population.input(), out), database.options()));

		assertThat(fixed.exitCode()).as(fixed.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		assertThat(fixed.out()).contains("Crosswalk run 2 ");
		assertThat(lastRowsRead(database)).isEqualTo(Files.lines(population.input()).count() - 1);
	}

	private String[] reconcile(Path input, Path out) {
		return new String[] { "reconcile", "--input", input.toString(), "--graph-url", emulator.baseUrl(),
				"--business-file", population.businessFile().toString(), "--out", out.toString() };
	}

	/** Resume while another input (the demo's) is configured. */
	private CommandRun resume(Path out, TestDatabase database) {
		return CommandRun.of(CommandRun.concat(new String[] { "resume", "--input", DEMO_INPUT.toString(),
				"--graph-url", emulator.baseUrl(), "--business-file", population.businessFile().toString(), "--out",
				out.toString() }, database.options()));
	}

	/** A completed run, marked as one whose database went away during its report (see ReconcileJobContract). */
	private void unfinishedRunOf(Path input, Path out, TestDatabase database) {
		CommandRun run = CommandRun.of(CommandRun.concat(reconcile(input, out), database.options()));
		assertThat(run.exitCode()).as(run.toString()).isIn(ExitCode.OK, ExitCode.DONE_WITH_BLOCKED);
		JdbcTemplate jdbc = database.jdbc();
		jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'"
				+ " WHERE STEP_NAME = 'reportStep'");
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', EXIT_CODE = 'FAILED'");
	}

	private static long lastRowsRead(TestDatabase database) {
		return database.jdbc().queryForObject("SELECT rows_read FROM cw_run ORDER BY execution_id DESC"
				+ " FETCH FIRST 1 ROWS ONLY", Long.class);
	}

	/** The command status prints on its own line, split into words as a POSIX shell does (single quotes only). */
	private static List<String> printedResumeCommand(CommandRun status) {
		assertThat(status.exitCode()).as(status.toString()).isEqualTo(ExitCode.OK);
		String line = status.out()
			.lines()
			.filter(l -> l.startsWith("  ./run.sh resume"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("status printed no resume command: " + status));
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean quoted = false;
		boolean inWord = false;
		for (char c : line.strip().toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
				inWord = true;
			}
			else if (c == ' ' && !quoted) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			}
			else {
				word.append(c);
				inWord = true;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		return words;
	}
}
