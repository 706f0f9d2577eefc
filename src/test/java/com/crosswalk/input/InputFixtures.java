package com.crosswalk.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.crosswalk.graph.AppCredentials;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.PageCredentials;

/** A small business and helpers to write and read test CSV files. */
final class InputFixtures {

	static final String APP = "111";

	static final String PAGE = "222";

	static final BusinessCredentials BUSINESS = new BusinessCredentials("B1",
			List.of(new AppCredentials(APP, "not-a-secret", null)), List.of(new PageCredentials(PAGE, APP, "tok")));

	static final String HEADER = "customer_id,id_type,scope_id,scoped_id";

	private InputFixtures() {
	}

	static Path write(Path dir, String name, String content) throws IOException {
		return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
	}

	static Path write(Path dir, String name, byte[] content) throws IOException {
		Path file = dir.resolve(name);
		Files.write(file, content);
		return file;
	}

	static Path lines(Path dir, String name, String... lines) throws IOException {
		return write(dir, name, String.join("\n", lines) + "\n");
	}

	/** Everything one file gave, in order, plus the reader's own count. */
	record Outcome(List<RowResult> results, long rowsRead) {

		List<ValidRow> accepted() {
			return results.stream().filter(ValidRow.class::isInstance).map(ValidRow.class::cast).toList();
		}

		List<RejectedRow> rejected() {
			return results.stream().filter(RejectedRow.class::isInstance).map(RejectedRow.class::cast).toList();
		}

		/** Results keyed by line; fails the test if two results share a line (only wide rows may). */
		Map<Long, RowResult> byLine() {
			Map<Long, RowResult> map = new TreeMap<>();
			for (RowResult r : results) {
				if (map.put(r.position().line(), r) != null) {
					throw new AssertionError("two results for line " + r.position().line());
				}
			}
			return map;
		}

		RejectedRow rejectedAt(long line) {
			RowResult r = byLine().get(line);
			if (!(r instanceof RejectedRow rejected)) {
				throw new AssertionError("line " + line + " was not rejected: " + r);
			}
			return rejected;
		}

		ValidRow acceptedAt(long line) {
			RowResult r = byLine().get(line);
			if (!(r instanceof ValidRow valid)) {
				throw new AssertionError("line " + line + " was not accepted: " + r);
			}
			return valid;
		}
	}

	static Outcome readAll(Path file, ColumnMapping mapping, CsvOptions options) throws IOException {
		RowValidator validator = new RowValidator(BUSINESS);
		List<RowResult> results = new ArrayList<>();
		try (CsvInputReader reader = CsvInputReader.open(file, mapping, options)) {
			for (InputRow row; (row = reader.next()) != null;) {
				results.add(validator.validate(row));
			}
			return new Outcome(results, reader.rowsRead());
		}
	}

	static Outcome readAll(Path file) throws IOException {
		return readAll(file, ColumnMapping.canonical(), CsvOptions.defaults());
	}
}
