package com.crosswalk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code ./run.sh resume} command line that reaches the same database as a command given these options, for
 * {@code status} to print: a person copies it as it is. The input needs no option (a run resumes the input it
 * recorded); the password never appears (it comes from SPRING_DATASOURCE_PASSWORD or the configuration).
 */
final class ResumeCommandLine {

	/** Settings that choose the database, given as properties rather than as --db-url / --db-user. */
	private static final List<String> DATABASE_PROPERTIES = List.of("spring.datasource.url",
			"spring.datasource.username");

	/** Words the shell takes as they are; anything else is single-quoted. */
	private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

	private ResumeCommandLine() {
	}

	static String of(Options options) {
		List<String> words = new ArrayList<>(List.of("./run.sh", "resume"));
		for (String option : List.of("db-url", "db-user")) {
			if (options.has(option)) {
				words.add("--" + option);
				words.add(options.get(option));
			}
		}
		for (String property : DATABASE_PROPERTIES) {
			if (options.properties().containsKey(property)) {
				words.add("--" + property + "=" + options.properties().get(property));
			}
		}
		return String.join(" ", words.stream().map(ResumeCommandLine::shellWord).toList());
	}

	private static String shellWord(String word) {
		return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
	}
}
