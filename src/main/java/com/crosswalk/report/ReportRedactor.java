package com.crosswalk.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes forgotten identifiers out of the run reports already written. The reports are rendered from one run's
 * numbers, which a privacy deletion does not change, but their examples quote identifiers: those are replaced by
 * {@value #FORGOTTEN}, the rest of each report stays as the run wrote it.
 */
public class ReportRedactor {

	static final String FORGOTTEN = "[forgotten]";

	private static final String[] REPORTS = { RunReporter.HTML_REPORT, RunReporter.MARKDOWN_REPORT };

	private final Path outputDir;

	public ReportRedactor(Path outputDir) {
		this.outputDir = outputDir;
	}

	/**
	 * @param identifierKeys canonical keys ({@code psid:PAGE:ID}, {@code customer::KEY}); the key and the bare
	 * value are both replaced wherever they stand as a whole token
	 * @return the number of reports changed
	 */
	public int redact(Collection<String> identifierKeys) {
		Pattern tokens = tokens(identifierKeys);
		int changed = 0;
		for (String name : REPORTS) {
			Path file = outputDir.resolve(name);
			if (tokens == null || !Files.isRegularFile(file)) {
				continue;
			}
			try {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				String redacted = tokens.matcher(text).replaceAll(Matcher.quoteReplacement(FORGOTTEN));
				if (!redacted.equals(text)) {
					Path partial = outputDir.resolve(name + ".partial");
					Files.writeString(partial, redacted, StandardCharsets.UTF_8);
					Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
					changed++;
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot redact " + file + ": " + e.getMessage(), e);
			}
		}
		return changed;
	}

	/** Longest first, so a key is replaced whole before its value part is. */
	private static Pattern tokens(Collection<String> identifierKeys) {
		Set<String> values = new LinkedHashSet<>();
		for (String key : identifierKeys) {
			values.add(key);
			int separator = key.lastIndexOf(':');
			if (separator >= 0 && separator < key.length() - 1) {
				values.add(key.substring(separator + 1));
			}
		}
		if (values.isEmpty()) {
			return null;
		}
		String alternatives = String.join("|", values.stream()
			.sorted((a, b) -> Integer.compare(b.length(), a.length()))
			.map(Pattern::quote)
			.toList());
		return Pattern.compile("(?<![\\p{Alnum}_-])(?:" + alternatives + ")(?![\\p{Alnum}_-])");
	}
}
