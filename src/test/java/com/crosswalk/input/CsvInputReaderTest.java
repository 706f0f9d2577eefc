package com.crosswalk.input;

import static com.crosswalk.input.InputFixtures.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsColumnsInAnyOrderAndCaseWithoutCustomerId() throws IOException {
		Path file = InputFixtures.lines(dir, "order.csv", "Scoped ID,SCOPE_ID,notes,Id-Type", "1001,222,hello,PSID");
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			InputRow row = reader.next();
			assertThat(row).isEqualTo(InputRow.of(SourcePosition.line("order.csv", 2), null, "PSID", "222", "1001"));
			assertThat(reader.next()).isNull();
			assertThat(reader.header()).containsExactly("Scoped ID", "SCOPE_ID", "notes", "Id-Type");
		}
	}

	@Test
	void theShareReadOfAFileGivesTheImportItsEta() throws IOException {
		List<String> lines = new ArrayList<>(List.of(HEADER));
		for (int i = 1; i <= 20_000; i++) {
			lines.add("c" + i + ",psid,222," + (100_000 + i));
		}
		Path file = InputFixtures.lines(dir, "share.csv", lines.toArray(String[]::new));
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			for (int i = 0; i < 10_000; i++) {
				reader.next();
			}
			assertThat(reader.shareRead()).isCloseTo(0.5, offset(0.03));
			while (reader.next() != null) {
				// to the end
			}
			assertThat(reader.shareRead()).isEqualTo(1.0);
		}
	}

	@Test
	void skipToResumesAfterTheRowsAlreadyImported() throws IOException {
		List<String> lines = new ArrayList<>(List.of(HEADER));
		for (int i = 1; i <= 10; i++) {
			lines.add(i == 4 ? "bad,\"row" : "c" + i + ",psid,222," + (1000 + i));
		}
		Path file = InputFixtures.lines(dir, "restart.csv", lines.toArray(String[]::new));
		List<InputRow> firstRun = new ArrayList<>();
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			for (int i = 0; i < 6; i++) {
				firstRun.add(reader.next());
			}
			assertThat(reader.rowsRead()).isEqualTo(6);
		}
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			assertThat(reader.skipTo(6)).isEqualTo(6);
			assertThat(reader.skipTo(3)).isZero();
			InputRow seventh = reader.next();
			assertThat(seventh.line()).isEqualTo(8);
			assertThat(seventh.customerId()).isEqualTo("c7");
			int rest = 1;
			while (reader.next() != null) {
				rest++;
			}
			assertThat(rest).isEqualTo(4);
			assertThat(reader.rowsRead()).isEqualTo(10);
			assertThat(reader.recordsRead()).isEqualTo(10);
		}
		assertThat(firstRun.get(3).readable()).isFalse();
		assertThat(firstRun.get(3).line()).isEqualTo(5);
	}

	@Test
	void skipPastTheEndReportsHowManyWereSkipped() throws IOException {
		Path file = InputFixtures.lines(dir, "short.csv", HEADER, "c1,psid,222,1001");
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			assertThat(reader.skipTo(5)).isEqualTo(1);
			assertThat(reader.next()).isNull();
		}
	}

	@Test
	void wideRowsExpandToOneRowPerIdWithTheSameLine() throws IOException {
		Path file = InputFixtures.lines(dir, "wide.csv",
				"customer_id,psid,page_id,asid,app_id,psid_2,page_id_2,email",
				"c1,1001,222,2001,111,1002,223,a@b.c",
				"c2,,,,,,,nobody@b.c",
				"c3,1003,,,,,,");
		ColumnMapping wide = ColumnMapping.conventionalWide();
		List<InputRow> rows = new ArrayList<>();
		try (CsvInputReader reader = CsvInputReader.open(file, wide, CsvOptions.defaults())) {
			for (InputRow row; (row = reader.next()) != null;) {
				rows.add(row);
			}
			assertThat(reader.recordsRead()).isEqualTo(3);
			assertThat(reader.recordsWithoutIds()).isEqualTo(1);
			assertThat(reader.rowsRead()).isEqualTo(4);
		}
		SourcePosition line2 = SourcePosition.line("wide.csv", 2);
		assertThat(rows).containsExactly(
				InputRow.of(line2, "c1", "psid", "222", "1001"),
				InputRow.of(line2, "c1", "psid", "223", "1002"),
				InputRow.of(line2, "c1", "asid", "111", "2001"),
				InputRow.of(SourcePosition.line("wide.csv", 4), "c3", "psid", "", "1003"));
		RowResult missingPage = new RowValidator(InputFixtures.BUSINESS).validate(rows.get(3));
		assertThat(missingPage).isInstanceOfSatisfying(RejectedRow.class,
				r -> assertThat(r.reason()).isEqualTo("scope_id is empty: every row needs its page ID"));
	}

	@Test
	void wideLayoutRequiresCustomerIdAndCompletePairs() throws IOException {
		Path noCustomer = InputFixtures.lines(dir, "nocust.csv", "psid,page_id", "1001,222");
		assertThatThrownBy(() -> CsvInputReader.open(noCustomer, ColumnMapping.conventionalWide(), CsvOptions.defaults()))
			.isInstanceOf(InputFormatException.class)
			.hasMessageContaining("missing column 'customer_id' (the wide layout needs one row per customer)");
		Path halfPair = InputFixtures.lines(dir, "half.csv", "customer_id,psid,page_id,psid_2", "c1,1001,222,1002");
		assertThatThrownBy(() -> CsvInputReader.open(halfPair, ColumnMapping.conventionalWide(), CsvOptions.defaults()))
			.isInstanceOf(InputFormatException.class)
			.hasMessageContaining("column 'psid_2' has no matching column 'page_id_2'");
		Path noIds = InputFixtures.lines(dir, "noids.csv", "customer_id,email", "c1,a@b.c");
		assertThatThrownBy(() -> CsvInputReader.open(noIds, ColumnMapping.conventionalWide(), CsvOptions.defaults()))
			.isInstanceOf(InputFormatException.class)
			.hasMessageContaining("no ID columns found for the wide layout; expected psid+page_id, asid+app_id");
	}

	@Test
	void wideColumnTiedToOnePage() throws IOException {
		Path file = InputFixtures.lines(dir, "fixed.csv", "cust,shop_psid", "c1,1001");
		ColumnMapping mapping = ColumnMapping.builder().customerIdColumn("cust").psidColumnOfPage("shop_psid", "222").build();
		try (CsvInputReader reader = CsvInputReader.open(file, mapping, CsvOptions.defaults())) {
			assertThat(reader.next()).isEqualTo(InputRow.of(SourcePosition.line("fixed.csv", 2), "c1", "psid", "222", "1001"));
		}
	}

	@Test
	void duplicateMappedColumnIsAFormatError() throws IOException {
		Path file = InputFixtures.lines(dir, "dup.csv", "customer_id,id_type,scope_id,scoped_id,Scoped_ID", "c,psid,222,1,2");
		assertThatThrownBy(() -> CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults()))
			.isInstanceOf(InputFormatException.class)
			.hasMessageContaining("column 'scoped_id' appears more than once");
	}

	@Test
	void semicolonDelimiterWithQuotedSemicolons() throws IOException {
		Path file = InputFixtures.lines(dir, "semi.csv", "customer_id;id_type;scope_id;scoped_id", "\"a;b\";psid;222;1001");
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(),
				CsvOptions.builder().delimiter(';').build())) {
			assertThat(reader.next().customerId()).isEqualTo("a;b");
		}
	}

	@Test
	void quoteInsideAnUnquotedValueIsLiteralLikeCommonsCsv() throws IOException {
		Path file = InputFixtures.lines(dir, "inner.csv", HEADER, "O\"Brien,psid,222,1001", "c2,psid,222,1002");
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			assertThat(reader.next().customerId()).isEqualTo("O\"Brien");
			assertThat(reader.next().customerId()).isEqualTo("c2");
		}
	}

	@Test
	void aStreamFailingMidFileGivesOneRejectedRowAndAStop() {
		byte[] good = (HEADER + "\nc1,psid,222,1001\nc2,psid,222,1002\n").getBytes(StandardCharsets.UTF_8);
		InputStream failing = new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("Input/output error");
			}
		};
		try (CsvInputReader reader = new CsvInputReader(new SequenceInputStream(new ByteArrayInputStream(good), failing),
				"disk.csv", ColumnMapping.canonical(), CsvOptions.defaults())) {
			assertThat(reader.next().customerId()).isEqualTo("c1");
			assertThat(reader.next().customerId()).isEqualTo("c2");
			InputRow stop = reader.next();
			assertThat(stop.readable()).isFalse();
			assertThat(stop.line()).isEqualTo(4);
			assertThat(stop.unreadable().reason())
				.startsWith("could not read disk.csv past line 3: Input/output error; the rest of the file was not read");
			assertThat(reader.next()).isNull();
			assertThat(reader.stoppedEarly()).isTrue();
			assertThat(reader.rowsRead()).isEqualTo(3);
		}
	}

	@Test
	void unclosedQuoteAtTheEndIsLimitedToItsLine() throws IOException {
		List<String> lines = new ArrayList<>(List.of(HEADER, "c0,psid,222,\"1000"));
		for (int i = 1; i <= 300; i++) {
			lines.add("c" + i + ",psid,222," + (1000 + i));
		}
		Path file = InputFixtures.lines(dir, "long.csv", lines.toArray(String[]::new));
		InputFixtures.Outcome out = InputFixtures.readAll(file, ColumnMapping.canonical(),
				CsvOptions.builder().maxRecordLines(10).build());
		assertThat(out.rejected()).singleElement().satisfies(r -> assertThat(r.position().line()).isEqualTo(2));
		assertThat(out.accepted()).hasSize(300);
	}
}
