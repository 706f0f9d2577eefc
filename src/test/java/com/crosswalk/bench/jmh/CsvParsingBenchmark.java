package com.crosswalk.bench.jmh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.crosswalk.graph.AppCredentials;
import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.graph.PageCredentials;
import com.crosswalk.input.ColumnMapping;
import com.crosswalk.input.CsvInputReader;
import com.crosswalk.input.CsvOptions;
import com.crosswalk.input.InputRow;
import com.crosswalk.input.RowResult;
import com.crosswalk.input.RowValidator;

/**
 * Reading and validating a generated long-layout CSV file of {@code rows} rows (CRLF, a quoted column, 1 row in
 * 100 damaged: scientific notation, stray quote, unknown Page). Reports time per file; rows per second =
 * rows / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx200m")
public class CsvParsingBenchmark {

	@Param({ "500000" })
	public int rows;

	private Path file;

	private RowValidator validator;

	@Setup(Level.Trial)
	public void writeFile() throws IOException {
		file = Files.createTempFile("crosswalk-bench", ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("customer_id,id_type,scope_id,scoped_id\r\n");
			for (int i = 1; i <= rows; i++) {
				String id = Long.toString(27_000_000_000_000_000L + i * 7_919L);
				String line = switch (i % 100) {
					case 17 -> "\"C-" + i + "\",psid,1234567890,2.70000000000079E+16";
					case 42 -> "\"C-" + i + "\",psid,1234567890,\"" + id;
					case 77 -> "\"C-" + i + "\",psid,999,\"" + id + "\"";
					default -> "\"C-" + i + "\"," + (i % 2 == 0 ? "psid,1234567890," : "asid,555000111,") + id;
				};
				out.write(line);
				out.write("\r\n");
			}
		}
		validator = new RowValidator(new BusinessCredentials("B1",
				List.of(new AppCredentials("555000111", "bench-secret", null)),
				List.of(new PageCredentials("1234567890", "555000111", "bench-token"))));
	}

	@TearDown(Level.Trial)
	public void deleteFile() throws IOException {
		Files.deleteIfExists(file);
	}

	@Benchmark
	public long parseOnly() throws IOException {
		long n = 0;
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			while (reader.next() != null) {
				n++;
			}
		}
		return check(n);
	}

	@Benchmark
	public long parseAndValidate() throws IOException {
		long accepted = 0;
		long total = 0;
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			for (InputRow row; (row = reader.next()) != null;) {
				RowResult result = validator.validate(row);
				total++;
				if (result.accepted()) {
					accepted++;
				}
			}
		}
		check(total);
		return accepted;
	}

	private long check(long n) {
		if (n != rows) {
			throw new IllegalStateException("read " + n + " rows of " + rows);
		}
		return n;
	}
}
