package com.crosswalk.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code metrics.prom} in the output folder, in the Prometheus text format, as node_exporter's textfile collector
 * reads it: written under a temporary name in the same folder and renamed into place, so the collector never reads
 * half a file.
 */
public final class MetricsFile {

	public static final String NAME = "metrics.prom";

	private MetricsFile() {
	}

	public static Path write(Path outputDir, String text) {
		Path file = outputDir.resolve(NAME);
		try {
			Files.createDirectories(outputDir);
			Path partial = Files.createTempFile(outputDir, "." + NAME + ".", ".partial");
			try {
				Files.writeString(partial, text, StandardCharsets.UTF_8);
				Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(partial);
			}
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
		}
	}
}
