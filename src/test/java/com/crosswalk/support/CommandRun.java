package com.crosswalk.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.crosswalk.cli.Main;

/** One in-process run of a crosswalk command, with what it printed. */
public record CommandRun(int exitCode, String out, String err) {

	/** Test runs ignore ./config/application.yml (the demo's settings): only the built-in defaults and the args count. */
	public static CommandRun of(String... args) {
		List<String> all = new ArrayList<>(Arrays.asList(args));
		all.add("--spring.config.location=classpath:/application.yml");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	public static String[] concat(String[]... parts) {
		return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
	}

	@Override
	public String toString() {
		return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
	}
}
