package com.crosswalk.input;

import static com.crosswalk.input.InputFixtures.HEADER;
import static com.crosswalk.input.InputFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.id.ScopedId;
import com.crosswalk.input.InputFixtures.Outcome;

/**
 * The files real exports produce. Each case must give a clear InputFormatException or rejected rows naming the
 * line and the reason, while the good rows of the same file still come through.
 */
class HostileInputTest {

	@TempDir
	Path dir;

	@Test
	void unbalancedQuoteRejectsOnlyItsLineAndReadingContinues() throws IOException {
		Path file = InputFixtures.lines(dir, "quotes.csv", HEADER,
				"c1,psid,222,1001",
				"c2,psid,222,\"1002",
				"c3,psid,222,1003",
				"c4,asid,111,1004");
		Outcome out = readAll(file);
		assertCounts(out, 3, 1);
		assertThat(out.rejectedAt(3).reason()).contains("unbalanced quote").contains("stray quote");
		assertThat(out.rejectedAt(3).field()).isEqualTo("record");
		assertThat(out.rejectedAt(3).value()).isEqualTo("c2,psid,222,\"1002");
		assertThat(out.acceptedAt(4).id()).isEqualTo(ScopedId.psid("222", "1003"));
		assertThat(out.acceptedAt(5).id()).isEqualTo(ScopedId.asid("111", "1004"));
	}

	@Test
	void strayQuotesThatPairUpAcrossLinesDoNotSwallowTheLinesBetween() throws IOException {
		Path file = InputFixtures.lines(dir, "pairs.csv", HEADER,
				"c2,psid,222,\"1002",
				"c3,psid,222,1003",
				"c4,psid,222,1004\"",
				"c5,psid,222,1005");
		Outcome out = readAll(file);
		assertThat(out.rejectedAt(2).reason()).contains("unbalanced quote");
		assertThat(out.acceptedAt(3).id().id()).isEqualTo("1003");
		// the closing stray quote is text after a value, not an ID
		assertThat(out.rejectedAt(4).field()).isEqualTo(ColumnMapping.SCOPED_ID);
		assertThat(out.acceptedAt(5).id().id()).isEqualTo("1005");
		assertCounts(out, 2, 2);
	}

	@Test
	void legitimateQuotedMultiLineValueIsOneRecordAtItsFirstLine() throws IOException {
		Path file = InputFixtures.lines(dir, "multi.csv", HEADER,
				"\"c1, \"\"the\"\" first\",psid,222,1001",
				"\"c2",
				"continued\",psid,222,1002",
				"c3,psid,222,1003");
		Outcome out = readAll(file);
		assertThat(out.acceptedAt(2).customerId()).isEqualTo("c1, \"the\" first");
		// a line break inside customer_id is a control character: rejected, but as one record at line 3
		assertThat(out.rejectedAt(3).field()).isEqualTo(ColumnMapping.CUSTOMER_ID);
		assertThat(out.rejectedAt(3).value()).isEqualTo("c2\\ncontinued");
		assertThat(out.acceptedAt(5).id().id()).isEqualTo("1003");
		assertCounts(out, 2, 1);
	}

	@Test
	void textAfterAClosingQuoteIsExplained() throws IOException {
		Path file = InputFixtures.lines(dir, "after.csv", HEADER,
				"c1,psid,222,\"12\"34",
				"c2,psid,222,1002");
		Outcome out = readAll(file);
		assertThat(out.rejectedAt(2).reason()).contains("text after a closing quote");
		assertThat(out.acceptedAt(3).id().id()).isEqualTo("1002");
		assertCounts(out, 1, 1);
	}

	@Test
	void semicolonFileReadWithAGivenCommaSaysWhichDelimiterToGive() throws IOException {
		// a delimiter given is never overridden by the detection
		Path file = InputFixtures.lines(dir, "customers.csv", "customer_id;id_type;scope_id;scoped_id",
				"c1;psid;222;1001");
		assertThatThrownBy(() -> readAll(file, ColumnMapping.canonical(), CsvOptions.builder().delimiter(',').build()))
			.isInstanceOf(InputFormatException.class)
			.hasMessage("customers.csv: missing column 'id_type'; found [customer_id;id_type;scope_id;scoped_id] — "
					+ "is the delimiter ';'? give --delimiter ';' (or set crosswalk.input.delimiter=;)");
		// the hint followed: the value it names, as the configured delimiter string
		Outcome out = readAll(file, ColumnMapping.canonical(), CsvOptions.builder().delimiter(";").build());
		assertCounts(out, 1, 0);
	}

	@Test
	void tabFileReadWithAGivenCommaSaysTab() throws IOException {
		Path file = InputFixtures.lines(dir, "tabs.tsv", "customer_id\tid_type\tscope_id\tscoped_id", "c1\tpsid\t222\t1001");
		assertThatThrownBy(() -> readAll(file, ColumnMapping.canonical(), CsvOptions.builder().delimiter(',').build()))
			.isInstanceOf(InputFormatException.class)
			.hasMessageContaining("is the delimiter '\\t (tab)'? give --delimiter 'tab' (or set crosswalk.input.delimiter=tab)");
		Outcome out = readAll(file, ColumnMapping.canonical(), CsvOptions.builder().delimiter("tab").build());
		assertCounts(out, 1, 0);
		out = readAll(file, ColumnMapping.canonical(), CsvOptions.builder().delimiter("\\t").build());
		assertCounts(out, 1, 0);
	}

	@Test
	void semicolonTabAndPipeExportsAreDetectedWhenNoDelimiterIsGiven() throws IOException {
		for (char delimiter : new char[] { ';', '\t', '|' }) {
			String d = String.valueOf(delimiter);
			Path file = InputFixtures.lines(dir, "export-" + (int) delimiter + ".csv",
					String.join(d, "customer_id", "id_type", "scope_id", "scoped_id"),
					String.join(d, "c1", "psid", "222", "1001"),
					String.join(d, "\"x" + d + "y\"", "asid", "111", "2002"),
					String.join(d, "c3", "psid", "222"));
			try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
				assertThat(reader.delimiter()).isEqualTo(delimiter);
				assertThat(reader.next().scopedId()).isEqualTo("1001");
				InputRow quoted = reader.next();
				assertThat(quoted.customerId()).isEqualTo("x" + d + "y");
				assertThat(quoted.scopedId()).isEqualTo("2002");
				assertThat(reader.next().unreadable().reason()).as("a short row is still a short row")
					.contains("the record has 3 fields, the header has 4");
				assertThat(reader.next()).isNull();
			}
		}
	}

	@Test
	void aCommaHeaderStaysCommaEvenWithSemicolonsInIt() throws IOException {
		Path file = InputFixtures.lines(dir, "comma.csv", "customer_id,id_type,scope_id,scoped_id,note;extra",
				"c1,psid,222,1001,a;b");
		try (CsvInputReader reader = CsvInputReader.open(file, ColumnMapping.canonical(), CsvOptions.defaults())) {
			assertThat(reader.delimiter()).isEqualTo(',');
			assertThat(reader.next().scopedId()).isEqualTo("1001");
		}
	}

	@Test
	void byteOrderMarkIsIgnoredSoTheFirstColumnIsFound() throws IOException {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] text = (HEADER + "\r\nc1,psid,222,1001\r\n").getBytes(StandardCharsets.UTF_8);
		Path file = InputFixtures.write(dir, "bom.csv", concat(bom, text));
		Outcome out = readAll(file);
		assertCounts(out, 1, 0);
		assertThat(out.acceptedAt(2).customerId()).isEqualTo("c1");
	}

	@Test
	void mixedLineEndingsKeepPhysicalLineNumbers() throws IOException {
		Path file = InputFixtures.write(dir, "mixed.csv",
				HEADER + "\r\nc1,psid,222,1001\nc2,psid,222,1002\rc3,psid,222,1003\r\n\r\nc5,psid,222,1005");
		Outcome out = readAll(file);
		assertCounts(out, 4, 0);
		assertThat(out.acceptedAt(2).customerId()).isEqualTo("c1");
		assertThat(out.acceptedAt(3).customerId()).isEqualTo("c2");
		assertThat(out.acceptedAt(4).customerId()).isEqualTo("c3");
		assertThat(out.acceptedAt(6).customerId()).isEqualTo("c5");
	}

	@Test
	void emptyFileIsAFormatErrorThatShowsTheExpectedHeader() throws IOException {
		Path empty = InputFixtures.write(dir, "empty.csv", "");
		assertThatThrownBy(() -> readAll(empty)).isInstanceOf(InputFormatException.class)
			.hasMessage("empty.csv is empty: expected a header line first, e.g. 'customer_id,id_type,scope_id,scoped_id'");
		Path blank = InputFixtures.write(dir, "blank.csv", "\n  \r\n");
		assertThatThrownBy(() -> readAll(blank)).isInstanceOf(InputFormatException.class).hasMessageContaining("is empty");
	}

	@Test
	void headerOnlyIsZeroRows() throws IOException {
		Path file = InputFixtures.write(dir, "header.csv", HEADER);
		assertCounts(readAll(file), 0, 0);
	}

	@Test
	void missingColumnIsNamedAndANearMissIsPointedOut() throws IOException {
		Path file = InputFixtures.lines(dir, "cols.csv", "customer_id,id_type,scope_id,scopedid", "c1,psid,222,1001");
		assertThatThrownBy(() -> readAll(file)).isInstanceOf(InputFormatException.class)
			.hasMessage("cols.csv: missing column 'scoped_id'; found [customer_id, id_type, scope_id, scopedid] — "
					+ "rename column 'scopedid' to 'scoped_id'");
		Path noType = InputFixtures.lines(dir, "notype.csv", "customer_id,scope_id,scoped_id", "c1,222,1001");
		assertThatThrownBy(() -> readAll(noType)).isInstanceOf(InputFormatException.class)
			.hasMessageStartingWith("notype.csv: missing column 'id_type'");
	}

	@Test
	void tenMegabyteLineIsRejectedWithoutStoppingTheFile() throws IOException {
		Path file = dir.resolve("huge.csv");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write((HEADER + "\nc1,psid,222,1001\nc2,psid,222,").getBytes(StandardCharsets.US_ASCII));
			byte[] nines = new byte[1 << 20];
			Arrays.fill(nines, (byte) '9');
			for (int i = 0; i < 10; i++) {
				out.write(nines);
			}
			out.write("\nc3,psid,222,1003\n".getBytes(StandardCharsets.US_ASCII));
		}
		Outcome out = readAll(file);
		assertCounts(out, 2, 1);
		RejectedRow huge = out.rejectedAt(3);
		assertThat(huge.reason()).contains("10485772 bytes long").contains("over the limit of 1048576 bytes");
		assertThat(huge.value()).hasSizeLessThanOrEqualTo(RejectedRow.MAX_VALUE_LENGTH).startsWith("c2,psid,222,999");
		assertThat(out.acceptedAt(4).customerId()).isEqualTo("c3");
	}

	@Test
	void invalidUtf8LineIsRejectedAndTheRestIsRead() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes("Jos".getBytes(StandardCharsets.US_ASCII));
		bytes.write(0xE9); // Latin-1 'é'
		bytes.writeBytes(",psid,222,1001\nZoë,psid,222,1002\n".getBytes(StandardCharsets.UTF_8));
		Path file = InputFixtures.write(dir, "latin1.csv", bytes.toByteArray());
		Outcome out = readAll(file);
		assertCounts(out, 1, 1);
		assertThat(out.rejectedAt(2).reason()).contains("invalid UTF-8 (byte 0xE9 at byte 4 of the line)")
			.contains("re-save it as CSV UTF-8");
		assertThat(out.acceptedAt(3).customerId()).isEqualTo("Zoë");
	}

	@Test
	void damagedIdsAreRejectedWithTheirSpecificCause() throws IOException {
		Path file = InputFixtures.lines(dir, "ids.csv", HEADER,
				"c1,psid,222,  1001\t", // 2: surrounding whitespace is fine
				"c2,psid,222,10 02", // 3
				"c3,psid,222,+1003", // 4
				"c4,psid,222,-1004", // 5
				"c5,psid,222,01005", // 6
				"c6,psid,222,1.01524E+16", // 7
				"c7,psid,222,1234567890123456789012345", // 8
				"c8,psid,222,9223372036854775808", // 9: Long.MAX_VALUE + 1
				"c9,psid,222,9223372036854775807", // 10: Long.MAX_VALUE is fine
				"c10,psid,222,1001.0", // 11
				"c11,psid,222,", // 12
				"c12,email,222,1012", // 13
				"c13,psid,999,1013", // 14: not the business's page
				"c14,psid,111,1014", // 15: an app id used as a page
				"\"1; DROP TABLE persons;--\",psid,222,\"1015' OR '1'='1\"", // 16
				"c16,psid,222,1016,extra", // 17
				"c17,psid,222,1017", // 18
				"c17,psid,222,1017"); // 19: duplicates are both valid; the identity step folds them
		Outcome out = readAll(file);
		assertThat(out.acceptedAt(2).id()).isEqualTo(ScopedId.psid("222", "1001"));
		assertRejected(out, 3, RejectionCode.INNER_WHITESPACE, "spaces inside the number");
		assertRejected(out, 4, RejectionCode.SIGNED, "has a sign (+)");
		assertRejected(out, 5, RejectionCode.SIGNED, "placeholder");
		assertRejected(out, 6, RejectionCode.LEADING_ZERO, "starts with 0");
		assertRejected(out, 7, RejectionCode.SPREADSHEET_MANGLED,
				"mangled by a spreadsheet (scientific notation, like 1.01524E+16) and its last digits are lost: "
						+ "re-export the column as text");
		assertRejected(out, 8, RejectionCode.TOO_LARGE, "has 25 digits");
		assertRejected(out, 9, RejectionCode.TOO_LARGE, "above the largest Facebook ID");
		assertThat(out.acceptedAt(10).id().id()).isEqualTo("9223372036854775807");
		assertRejected(out, 11, RejectionCode.SPREADSHEET_MANGLED, "decimal part");
		assertRejected(out, 12, RejectionCode.EMPTY, "scoped_id is empty");
		assertRejected(out, 13, RejectionCode.BAD_ID_TYPE, "must be psid");
		assertRejected(out, 14, RejectionCode.UNKNOWN_SCOPE,
				"page 999 is not one of business B1's Pages (unknown, or another business's): add it to the "
						+ "business file if it is yours");
		assertRejected(out, 15, RejectionCode.WRONG_SCOPE_KIND, "is one of business B1's apps, not a Page");
		assertRejected(out, 16, RejectionCode.NOT_NUMERIC, "scoped_id is not a number");
		assertThat(out.rejectedAt(16).value()).isEqualTo("1015' OR '1'='1");
		assertRejected(out, 17, RejectionCode.UNREADABLE_RECORD, "the record has 5 fields, the header has 4");
		assertThat(out.acceptedAt(18)).usingRecursiveComparison().ignoringFields("position")
			.isEqualTo(out.acceptedAt(19));
		assertCounts(out, 4, 14);
	}

	@Test
	void sqlLookingCustomerIdIsJustText() throws IOException {
		Path file = InputFixtures.lines(dir, "sql.csv", HEADER, "\"Robert'); DROP TABLE students;--\",psid,222,1001");
		Outcome out = readAll(file);
		assertThat(out.acceptedAt(2).customerId()).isEqualTo("Robert'); DROP TABLE students;--");
	}

	@Test
	void controlCharactersInValuesAreEscapedInTheReport() throws IOException {
		Path file = InputFixtures.lines(dir, "ctl.csv", HEADER, "\"evil\u001b[31m\",psid,222,1001", "c2,psid,222,\"1\u00002\"");
		Outcome out = readAll(file);
		assertThat(out.rejectedAt(2).value()).isEqualTo("evil\\u001b[31m");
		assertThat(out.rejectedAt(2).code()).isEqualTo(RejectionCode.BAD_CUSTOMER_ID);
		assertThat(out.rejectedAt(3).reason()).contains("NUL bytes");
		assertCounts(out, 0, 2);
	}

	@Test
	void spreadsheetFilesAreRecognisedUpFront() throws IOException {
		Path xlsx = InputFixtures.write(dir, "customers.xlsx", new byte[] { 'P', 'K', 3, 4, 0, 0 });
		assertThatThrownBy(() -> readAll(xlsx)).isInstanceOf(InputFormatException.class)
			.hasMessageContaining("Excel workbook").hasMessageContaining("CSV UTF-8");
		Path utf16 = InputFixtures.write(dir, "u16.csv", ("\uFEFF" + HEADER).getBytes(StandardCharsets.UTF_16LE));
		assertThatThrownBy(() -> readAll(utf16)).isInstanceOf(InputFormatException.class).hasMessageContaining("UTF-16");
	}

	@Test
	void noReasonLooksLikeAStackTrace() throws IOException {
		Path file = InputFixtures.lines(dir, "all.csv", HEADER, "c1,psid,222,\"1", "\"a\"b,psid,222,1", "x", ",,,",
				"c,asid,111,1e5");
		Outcome out = readAll(file);
		assertThat(out.rejected()).hasSize(5).allSatisfy(r -> {
			assertThat(r.reason()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.apache");
			assertThat(r.position().source()).isEqualTo("all.csv");
		});
		assertCounts(out, 0, 5);
	}

	private static void assertRejected(Outcome out, long line, RejectionCode code, String reasonPart) {
		RejectedRow row = out.rejectedAt(line);
		assertThat(row.code()).as("code of line %d", line).isEqualTo(code);
		assertThat(row.reason()).as("reason of line %d", line).contains(reasonPart);
	}

	private static void assertCounts(Outcome out, int accepted, int rejected) {
		assertThat(out.accepted()).as("accepted").hasSize(accepted);
		assertThat(out.rejected()).as("rejected").hasSize(rejected);
		assertThat(out.rowsRead()).as("rows read = accepted + rejected").isEqualTo(accepted + rejected);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
