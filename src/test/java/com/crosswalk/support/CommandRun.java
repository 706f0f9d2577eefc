package com.crosswalk.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.crosswalk.cli.Main;

/**
 * One in-process run of a crosswalk command, with what it printed: {@code out} and {@code err} are the command's own
 * streams; {@code console} is what reached the process's real stdout and stderr meanwhile (the log lines of the
 * console appender), which a user sees too.
 */
public record CommandRun(int exitCode, String out, String err, String console) {

	public CommandRun(int exitCode, String out, String err) {
		this(exitCode, out, err, "");
	}

	/** Test runs ignore ./config/application.yml (the demo's settings): only the built-in defaults and the args count. */
	public static CommandRun of(String... args) {
		List<String> all = new ArrayList<>(Arrays.asList(args));
		all.add("--spring.config.location=classpath:/application.yml");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		PrintStream systemOut = System.out;
		PrintStream systemErr = System.err;
		PrintStream captured = new PrintStream(new TeeStream(console, systemOut), true, StandardCharsets.UTF_8);
		System.setOut(captured);
		System.setErr(captured);
		int code;
		try {
			code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(systemOut);
			System.setErr(systemErr);
		}
		return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
				console.toString(StandardCharsets.UTF_8));
	}

	public static String[] concat(String[]... parts) {
		return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err + "\n--- console\n" + console;
	}

	/** Keeps what the console got and still shows it in the test's own output. */
	private static final class TeeStream extends OutputStream {

		private final OutputStream copy;

		private final OutputStream through;

		TeeStream(OutputStream copy, OutputStream through) {
			this.copy = copy;
			this.through = through;
		}

		@Override
		public synchronized void write(int b) throws IOException {
			copy.write(b);
			through.write(b);
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) throws IOException {
			copy.write(b, off, len);
			through.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			through.flush();
		}
	}
}
