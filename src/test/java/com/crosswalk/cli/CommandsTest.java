package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);

	private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

	@Test
	void generateWritesTheThreeFiles() {
		int code = GenerateCommand.run(new String[] { "--persons", "100", "--apps", "2", "--pages", "3", "--seed",
				"1", "--out", dir.toString(), "--bad-rows-share=0.05" }, outStream, errStream);
		assertThat(code).isZero();
		assertThat(dir.resolve("fixture.json")).isRegularFile();
		assertThat(dir.resolve("business.json")).isRegularFile();
		assertThat(dir.resolve("input.csv")).isRegularFile();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Wrote 100 persons");
	}

	@Test
	void badArgumentsExitWith2AndHelpPrintsUsage() {
		assertThat(GenerateCommand.run(new String[] { "--persons", "many", "--apps", "1", "--pages",
				"1", "--seed", "1", "--out", dir.toString() }, outStream, errStream)).isEqualTo(2);
		assertThat(GenerateCommand.run(new String[] { "--apps", "1" }, outStream, errStream)).isEqualTo(2);
		assertThat(EmulatorCommand.run(new String[] { "--colour", "red" }, outStream, errStream)).isEqualTo(2);
		assertThat(EmulatorCommand.run(new String[] { "--fixture", dir.resolve("none.json").toString() }, outStream,
				errStream)).isEqualTo(2);
		assertThat(GenerateCommand.run(new String[] { "--persons", "10", "--apps", "1", "--pages", "1", "--seed", "1",
				"--out", dir.toString(), "--crosswalk.input.delimiter=;" }, outStream, errStream)).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--persons must be a whole number")
			.contains("--persons is required")
			.contains("unknown option --colour; did you mean --")
			.contains("--crosswalk.input.delimiter: the generate command takes no settings");
		assertThat(EmulatorCommand.run(new String[] { "--help" }, outStream, errStream)).isZero();
		assertThat(GenerateCommand.run(new String[] { "--help" }, outStream, errStream)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: emulator").contains("Usage: generate");
	}

	@Test
	void emulatorServesUntilInterrupted() throws Exception {
		assertThat(servedAnswerWithoutToken(false)).contains("\"code\":104");
	}

	@Test
	void aLenientEmulatorKeepsTheOlderAnswers() throws Exception {
		assertThat(servedAnswerWithoutToken(true)).contains("\"code\":190");
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("(lenient)");
	}

	/** Serves the sample fixture from the command line and answers a call without a token. */
	private String servedAnswerWithoutToken(boolean lenient) throws Exception {
		AtomicInteger exit = new AtomicInteger(-1);
		String[] args = lenient ? new String[] { "--fixture", "sample-data/fixture.json", "--port", "0", "--app-budget",
				"10", "--lenient" } : new String[] { "--fixture", "sample-data/fixture.json", "--port", "0",
						"--app-budget", "10" };
		Thread server = new Thread(() -> exit.set(EmulatorCommand.run(args, outStream, errStream)));
		server.start();
		String url = null;
		Pattern listening = Pattern.compile("Graph API emulator listening on (http://127\\.0\\.0\\.1:\\d+)");
		for (int i = 0; i < 100 && url == null; i++) {
			Matcher matcher = listening.matcher(out.toString(StandardCharsets.UTF_8));
			if (matcher.find()) {
				url = matcher.group(1);
			}
			else {
				Thread.sleep(50);
			}
		}
		assertThat(url).as("listening line; stderr: %s", err).isNotNull();
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url + "/v26.0/318442097155820")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(400);
		server.interrupt();
		server.join(Duration.ofSeconds(5).toMillis());
		assertThat(exit.get()).isZero();
		assertThat(Files.exists(dir)).isTrue();
		return answer.body();
	}
}
