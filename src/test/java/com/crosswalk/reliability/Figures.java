package com.crosswalk.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The numbers docs/reliability.md quotes (IDs processed, kills survived, faults injected...), appended by the
 * reliability tests to {@code target/reliability-figures.txt} as {@code name=value} lines, so the document can be
 * checked against a fresh run.
 */
final class Figures {

	private static final Path FILE = Path.of("target", "reliability-figures.txt");

	private Figures() {
	}

	static synchronized void record(String name, Object value) {
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, name + "=" + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
