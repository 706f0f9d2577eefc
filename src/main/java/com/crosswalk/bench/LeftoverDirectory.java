package com.crosswalk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory an earlier bench run left behind (finished or killed), removed so that this run starts afresh. */
final class LeftoverDirectory {

	private LeftoverDirectory() {
	}

	static void remove(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(directory)) {
			for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}
}
