package com.crosswalk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a privacy deletion takes out of the output folder besides the exports. */
class ReportRedactorTest {

	private static final String KEY = "psid:131455461776062:3397830725756252";

	private static final String LOGGED = "WARN AnswerPolicy - Graph REVIEW_PENDING answer for page 131455461776062"
			+ " (3397830725756252) in batch-7#0\nINFO next line 13397830725756252\n";

	@TempDir
	Path out;

	@Test
	void reportsAndTheRunLogsWithTheirRolledPartsLoseTheIdentifierAndKeepTheRest() throws IOException {
		Files.writeString(out.resolve(RunReporter.MARKDOWN_REPORT), "| example | " + KEY + " |\n");
		Path log = Files.writeString(out.resolve("crosswalk.log"), LOGGED);
		Path rolled = out.resolve("crosswalk.log.2026-12-05.0.gz");
		try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(rolled))) {
			gz.write(LOGGED.getBytes(StandardCharsets.UTF_8));
		}
		Path workerLog = out.resolve("workers").resolve("worker-1").resolve("crosswalk.log");
		Files.createDirectories(workerLog.getParent());
		Files.writeString(workerLog, LOGGED);
		Path workerConsole = Files.writeString(workerLog.resolveSibling("console.log"), LOGGED);
		Path otherTree = out.resolve("bench").resolve("work").resolve("s1").resolve("crosswalk.log");
		Files.createDirectories(otherTree.getParent());
		Files.writeString(otherTree, LOGGED);
		Path export = Files.writeString(out.resolve("identities.csv"), KEY + "\n");
		Object liveLog = Files.readAttributes(log, BasicFileAttributes.class).fileKey();

		int changed = new ReportRedactor(out).redact(List.of(KEY));

		assertThat(changed).isEqualTo(5);
		assertThat(Files.readString(out.resolve(RunReporter.MARKDOWN_REPORT))).isEqualTo("| example | [forgotten] |\n");
		String redacted = "WARN AnswerPolicy - Graph REVIEW_PENDING answer for page 131455461776062 ([forgotten]) in"
				+ " batch-7#0\nINFO next line 13397830725756252\n";
		assertThat(Files.readString(log)).as("a longer number holding the ID's digits stays").isEqualTo(redacted);
		assertThat(gunzip(rolled)).isEqualTo(redacted);
		assertThat(Files.readString(workerLog)).as("a worker JVM's log under workers/").isEqualTo(redacted);
		assertThat(Files.readString(workerConsole)).as("and its console output").isEqualTo(redacted);
		assertThat(Files.readString(otherTree)).as("another tree in the output folder is not this run's").isEqualTo(LOGGED);
		assertThat(Files.readAttributes(log, BasicFileAttributes.class).fileKey())
			.as("the live log is rewritten in place: a logger appending to it keeps its file").isEqualTo(liveLog);
		assertThat(Files.readString(export)).as("exports are rewritten from the tables, not redacted").contains(KEY);
		try (var files = Files.walk(out)) {
			assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
		}
	}

	@Test
	void nothingToRedactChangesNothing() throws IOException {
		Files.writeString(out.resolve("crosswalk.log"), "INFO counts only\n");

		assertThat(new ReportRedactor(out).redact(List.of(KEY))).isZero();
		assertThat(new ReportRedactor(out.resolve("missing")).redact(List.of(KEY))).isZero();
	}

	private static String gunzip(Path file) throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
