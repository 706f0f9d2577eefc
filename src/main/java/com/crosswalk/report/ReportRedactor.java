package com.crosswalk.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Takes forgotten identifiers out of what the runs wrote to the output folder besides the exports: the reports, and
 * the run logs (the manager's and its workers') with their rolled, gzipped parts. The reports are rendered from one
 * run's numbers, which a privacy deletion does not change, but their examples quote identifiers; the log quotes the
 * ID of a refused lookup (a review, a dead token). Those are replaced by {@value #FORGOTTEN}, the rest of each file
 * stays as it was written.
 */
public class ReportRedactor {

	static final String FORGOTTEN = "[forgotten]";

	private static final String[] REPORTS = { RunReporter.HTML_REPORT, RunReporter.MARKDOWN_REPORT };

	private static final String LOG_SUFFIX = ".log";

	private static final String ROLLED_LOG_SUFFIX = ".gz";

	/**
	 * The folder in the output folder where the worker JVMs a run starts on this machine write their logs, one folder
	 * each ({@code WorkerFleet} creates it): named here, where the output folder's files are named, so that what
	 * writes the logs and what redacts them cannot drift apart.
	 */
	public static final String WORKERS_DIR = "workers";

	private final Path outputDir;

	public ReportRedactor(Path outputDir) {
		this.outputDir = outputDir;
	}

	/**
	 * @param identifierKeys canonical keys ({@code psid:PAGE:ID}, {@code customer::KEY}); the key and the bare
	 * value are both replaced wherever they stand as a whole token
	 * @return the number of files changed
	 */
	public int redact(Collection<String> identifierKeys) {
		Pattern tokens = tokens(identifierKeys);
		if (tokens == null) {
			return 0;
		}
		int changed = 0;
		for (String name : REPORTS) {
			Path file = outputDir.resolve(name);
			if (Files.isRegularFile(file) && replaceWhole(file, tokens)) {
				changed++;
			}
		}
		for (Path log : logs()) {
			if (log.getFileName().toString().endsWith(ROLLED_LOG_SUFFIX) ? replaceWhole(log, tokens)
					: rewriteInPlace(log, tokens)) {
				changed++;
			}
		}
		return changed;
	}

	/**
	 * {@code crosswalk.log} and its rolled parts ({@code crosswalk.log.2026-12-06.0.gz}), or any other run log, in the
	 * folder and in each worker's folder ({@code workers/worker-N/}: it is the workers' lanes that meet the refusals).
	 * Only those: an output folder may hold other trees (a bench's work files), which are not this run's logs.
	 */
	private List<Path> logs() {
		if (!Files.isDirectory(outputDir)) {
			return List.of();
		}
		Path workers = outputDir.resolve(WORKERS_DIR);
		try (Stream<Path> files = Files.walk(outputDir, 3)) {
			return files.filter(Files::isRegularFile).filter(file -> {
				Path folder = file.getParent();
				return folder.equals(outputDir) || workers.equals(folder.getParent());
			}).filter(file -> {
				String name = file.getFileName().toString();
				return name.endsWith(LOG_SUFFIX) || (name.contains(LOG_SUFFIX + ".") && name.endsWith(ROLLED_LOG_SUFFIX));
			}).sorted().toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot list " + outputDir + ": " + e.getMessage(), e);
		}
	}

	/** A report or a rolled log: the redacted copy replaces the file at once, or the file stays as it was. */
	private boolean replaceWhole(Path file, Pattern tokens) {
		boolean gzipped = file.getFileName().toString().endsWith(ROLLED_LOG_SUFFIX);
		try {
			String redacted = redacted(gzipped ? gunzip(file) : Files.readString(file, StandardCharsets.UTF_8), tokens);
			if (redacted == null) {
				return false;
			}
			Path partial = file.resolveSibling(file.getFileName() + ".partial");
			if (gzipped) {
				try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
					out.write(redacted.getBytes(StandardCharsets.UTF_8));
				}
			}
			else {
				Files.writeString(partial, redacted, StandardCharsets.UTF_8);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return true;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot redact " + file + ": " + e.getMessage(), e);
		}
	}

	/**
	 * The live log: rewritten in place, not replaced, as this command's own logger may be appending to it (a
	 * replaced file would take the lines logged after the redaction with it).
	 */
	private static boolean rewriteInPlace(Path file, Pattern tokens) {
		try {
			String redacted = redacted(Files.readString(file, StandardCharsets.UTF_8), tokens);
			if (redacted == null) {
				return false;
			}
			Files.writeString(file, redacted, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
					StandardOpenOption.WRITE);
			return true;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot redact " + file + ": " + e.getMessage(), e);
		}
	}

	/** The text with the identifiers replaced, or null when it holds none. */
	private static String redacted(String text, Pattern tokens) {
		String redacted = tokens.matcher(text).replaceAll(Matcher.quoteReplacement(FORGOTTEN));
		return redacted.equals(text) ? null : redacted;
	}

	private static String gunzip(Path file) throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
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
