package com.crosswalk.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams {@link InputRow}s from a CSV file with a header line, never holding more than one record in memory.
 * UTF-8 with or without BOM; LF, CRLF and CR line ends, mixed; fields parsed by Commons CSV (RFC 4180 quoting).
 * The delimiter is the one configured; when none is, it is ',' unless the header is one column with ',' and splits
 * with {@code ';'}, tab or {@code '|'}: exports from spreadsheets in many locales use those. The reader logs the
 * one it detected ({@link #delimiter()}).
 * <p>
 * Nothing is dropped silently: a record that cannot be parsed (unbalanced quote, invalid UTF-8, too long, wrong
 * number of fields) becomes an unreadable row naming its line and the reason, and reading goes on with the next
 * line. Only problems with the file as a whole (empty, not a CSV file, missing columns, wrong delimiter) throw an
 * {@link InputFormatException}. If the stream itself fails mid-file, one unreadable row says where and why and
 * the reader ends ({@link #stoppedEarly()}).
 * <p>
 * Not thread-safe.
 */
public final class CsvInputReader implements InputRowReader {

	private static final Logger log = LoggerFactory.getLogger(CsvInputReader.class);

	private static final char QUOTE = '"';

	private static final char[] DELIMITER_CANDIDATES = { ',', ';', '\t', '|' };

	/** Tried, in this order, when no delimiter was configured and ',' leaves the header one column. */
	private static final char[] DETECTED_DELIMITERS = { ';', '\t', '|' };

	private final String source;

	private final CsvOptions options;

	private final char delimiter;

	private final PhysicalLineReader lines;

	private final Deque<PhysicalLineReader.Line> pushedBack = new ArrayDeque<>();

	private final Deque<InputRow> pending = new ArrayDeque<>();

	private final CSVFormat format;

	private final RecordFeed feed = new RecordFeed();

	private final List<String> header;

	private final BoundColumns columns;

	private Iterator<CSVRecord> parser;

	private long rowsRead;

	private long recordsRead;

	private long recordsWithoutIds;

	private boolean ended;

	/** The file's size, for the share read; -1 for a stream of unknown length. */
	private final long sizeBytes;

	private String stopReason;

	/** Opens {@code file}, reads and checks its header. The source name in messages is the file name. */
	public static CsvInputReader open(Path file, ColumnMapping mapping, CsvOptions options) throws IOException {
		return new CsvInputReader(Files.newInputStream(file), Files.size(file), String.valueOf(file.getFileName()),
				mapping, options);
	}

	/**
	 * Reads and checks the header of {@code in}; the stream is closed with the reader, or at once if the header
	 * is rejected.
	 *
	 * @param source name used in messages, e.g. the file name
	 * @throws InputFormatException when the header is missing, unreadable or lacks a required column
	 */
	public CsvInputReader(InputStream in, String source, ColumnMapping mapping, CsvOptions options) {
		this(in, -1, source, mapping, options);
	}

	private CsvInputReader(InputStream in, long sizeBytes, String source, ColumnMapping mapping, CsvOptions options) {
		this.sizeBytes = sizeBytes;
		this.source = source;
		this.options = options;
		BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
		this.lines = new PhysicalLineReader(buffered, options.maxLineBytes());
		try {
			rejectNonCsv(buffered);
			PhysicalLineReader.Line headerLine = readHeaderLine(mapping);
			this.delimiter = chooseDelimiter(headerLine.text());
			this.format = format(delimiter);
			this.header = parseHeader(headerLine);
			this.columns = mapping.bind(header, source, delimiterHint(header));
		}
		catch (IOException e) {
			closeQuietly();
			throw new UncheckedIOException(source + ": cannot read the header: " + e.getMessage(), e);
		}
		catch (RuntimeException e) {
			closeQuietly();
			throw e;
		}
		this.parser = newParser();
	}

	/** The delimiter the file is read with: the configured one, or the one detected from the header. */
	public char delimiter() {
		return delimiter;
	}

	/** The header's column names as written in the file. */
	public List<String> header() {
		return header;
	}

	@Override
	public InputRow next() {
		if (pending.isEmpty() && !ended) {
			fill();
		}
		InputRow row = pending.poll();
		if (row != null) {
			rowsRead++;
		}
		return row;
	}

	@Override
	public long rowsRead() {
		return rowsRead;
	}

	@Override
	public double shareRead() {
		return sizeBytes > 0 ? Math.min(1.0, (double) lines.bytesConsumed() / sizeBytes) : -1;
	}

	/** Records (or unparseable lines) consumed, header excluded; a wide record counts once. */
	public long recordsRead() {
		return recordsRead;
	}

	/** Wide-layout records that had no ID in any ID column (they give no row). */
	public long recordsWithoutIds() {
		return recordsWithoutIds;
	}

	/** Physical lines read so far, header included. */
	public long linesRead() {
		return lines.lineNumber();
	}

	/** True when reading stopped before the end of the file because the stream failed; see {@link #stopReason()}. */
	public boolean stoppedEarly() {
		return stopReason != null;
	}

	public String stopReason() {
		return stopReason;
	}

	@Override
	public void close() {
		ended = true;
		pending.clear();
		closeQuietly();
	}

	private void closeQuietly() {
		try {
			lines.close();
		}
		catch (IOException e) {
			log.debug("closing {} failed: {}", source, e.getMessage());
		}
	}

	/** Reads records until at least one row is pending or the input ends. */
	private void fill() {
		try {
			while (pending.isEmpty()) {
				PhysicalLineReader.Line first = nextLine();
				if (first == null) {
					ended = true;
					return;
				}
				if (!first.readable()) {
					reject(first, first.problem(), first.excerpt());
					continue;
				}
				if (first.text().isBlank()) {
					continue;
				}
				readRecord(first);
			}
		}
		catch (IOException e) {
			stopReason = "could not read " + source + " past line " + lines.lineNumber() + ": " + e.getMessage();
			log.warn("{}", stopReason);
			ended = true;
			recordsRead++;
			pending.add(InputRow.unreadable(SourcePosition.line(source, lines.lineNumber() + 1),
					stopReason + "; the rest of the file was not read — fix or re-copy the file and run again", null));
		}
	}

	private void readRecord(PhysicalLineReader.Line first) throws IOException {
		List<PhysicalLineReader.Line> span = List.of(first);
		String text = first.text();
		if (endsInsideQuotes(text, false)) {
			span = new ArrayList<>();
			span.add(first);
			StringBuilder joined = new StringBuilder(text);
			boolean closed = false;
			while (span.size() < options.maxRecordLines() && joined.length() <= options.maxLineBytes()) {
				PhysicalLineReader.Line next = nextLine();
				if (next == null) {
					break;
				}
				if (!next.readable()) {
					pushedBack.addFirst(next);
					break;
				}
				span.add(next);
				joined.append('\n').append(next.text());
				if (!endsInsideQuotes(next.text(), true)) {
					closed = true;
					break;
				}
			}
			if (!closed) {
				rejectStrayQuote(span);
				return;
			}
			text = joined.toString();
		}
		String[] values;
		try {
			values = parse(text);
		}
		catch (RuntimeException e) {
			if (span.size() > 1) {
				rejectStrayQuote(span);
			}
			else {
				reject(first, describeParseFailure(e), text);
			}
			return;
		}
		if (values.length != columns.width() || (span.size() > 1 && columns.lineBreakInIdColumns(values))) {
			// no ID contains a line break: a quoted value that swallowed lines holding IDs began with a stray quote
			if (span.size() > 1) {
				rejectStrayQuote(span);
			}
			else {
				reject(first, wrongFieldCount(values.length, text), text);
			}
			return;
		}
		recordsRead++;
		int before = pending.size();
		columns.expand(SourcePosition.line(source, first.number()), index -> values[index], pending);
		if (pending.size() == before) {
			recordsWithoutIds++;
		}
	}

	private String[] parse(String text) {
		feed.offer(text + "\n");
		try {
			if (!parser.hasNext()) {
				throw new IllegalStateException("the parser found no record");
			}
			return parser.next().values();
		}
		catch (RuntimeException e) {
			// the failed parser may hold part of this record; a fresh one starts clean at the next offer
			parser = newParser();
			throw e;
		}
	}

	private Iterator<CSVRecord> newParser() {
		try {
			return CSVParser.builder().setReader(feed).setFormat(format).get().iterator();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * The opening quote on the span's first line is never closed within the limits, or closing it produced a
	 * malformed record: take it to be a stray quote, reject that one line and re-read the lines after it.
	 */
	private void rejectStrayQuote(List<PhysicalLineReader.Line> span) {
		PhysicalLineReader.Line first = span.get(0);
		for (int i = span.size() - 1; i >= 1; i--) {
			pushedBack.addFirst(span.get(i));
		}
		reject(first, "unbalanced quote: a value opened with \" on this line is not closed properly (within "
				+ options.maxRecordLines() + " lines); remove the stray quote, or double it (\"\") inside a quoted value",
				first.text());
	}

	private void reject(PhysicalLineReader.Line line, String reason, String rawText) {
		recordsRead++;
		pending.add(InputRow.unreadable(SourcePosition.line(source, line.number()), reason, rawText));
	}

	private PhysicalLineReader.Line nextLine() throws IOException {
		PhysicalLineReader.Line line = pushedBack.pollFirst();
		return (line != null) ? line : lines.next();
	}

	/**
	 * Tracks RFC 4180 quoting through one physical line: a quote opens a quoted value only at the start of a
	 * field, and inside one a doubled quote is a literal quote. Mirrors Commons CSV so that records are cut where
	 * the parser would cut them.
	 */
	private boolean endsInsideQuotes(String line, boolean startsInside) {
		boolean inside = startsInside;
		boolean fieldStart = !startsInside;
		int n = line.length();
		for (int i = 0; i < n; i++) {
			char c = line.charAt(i);
			if (inside) {
				if (c == QUOTE) {
					if (i + 1 < n && line.charAt(i + 1) == QUOTE) {
						i++;
					}
					else {
						inside = false;
					}
				}
			}
			else if (c == delimiter) {
				fieldStart = true;
				continue;
			}
			else if (c == QUOTE && fieldStart) {
				inside = true;
			}
			fieldStart = false;
		}
		return inside;
	}

	/** Commons CSV's messages name its internals; say what is wrong with the text instead. */
	private static String describeParseFailure(RuntimeException e) {
		Throwable cause = e;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("between encapsulated token and delimiter")) {
			return "text after a closing quote (like \"12\"34): quote the whole value or remove the quotes";
		}
		if (message.contains("eof reached before encapsulated token finished")) {
			return "unbalanced quote: a quoted value is never closed";
		}
		return "the record cannot be parsed as CSV (bad quoting or escaping)";
	}

	private String wrongFieldCount(int found, String text) {
		String message = "the record has " + found + (found == 1 ? " field" : " fields") + ", the header has "
				+ columns.width() + ": a value contains an unquoted '" + printable(delimiter)
				+ "', or a field is missing or extra; quote values that contain the delimiter";
		if (found == 1) {
			Character other = otherDelimiter(text);
			if (other != null) {
				message += " (is this line separated by '" + printable(other) + "'?)";
			}
		}
		return message;
	}

	private PhysicalLineReader.Line readHeaderLine(ColumnMapping mapping) throws IOException {
		PhysicalLineReader.Line line;
		do {
			line = lines.next();
			if (line == null) {
				throw new InputFormatException(source + " is empty: expected a header line first, e.g. '"
						+ exampleHeader(mapping) + "'");
			}
		}
		while (line.readable() && line.text().isBlank());
		if (!line.readable()) {
			throw new InputFormatException(source + ": the header (line " + line.number() + ") is unreadable: "
					+ line.problem());
		}
		return line;
	}

	private static CSVFormat format(char delimiter) {
		return CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote(QUOTE).setIgnoreEmptyLines(false).get();
	}

	/**
	 * The configured delimiter; with none configured, ',' unless that leaves the header one column and one of
	 * {@link #DETECTED_DELIMITERS} splits it (the one giving the most columns).
	 */
	private char chooseDelimiter(String headerText) {
		if (!options.detectDelimiter() || columnsWith(headerText, options.delimiter()) > 1) {
			return options.delimiter();
		}
		char chosen = options.delimiter();
		int most = 1;
		for (char candidate : DETECTED_DELIMITERS) {
			int columns = columnsWith(headerText, candidate);
			if (columns > most) {
				most = columns;
				chosen = candidate;
			}
		}
		if (chosen != options.delimiter()) {
			log.info("{}: reading it with the delimiter '{}', detected from the header ({} columns); --delimiter or"
					+ " crosswalk.input.delimiter sets it", source, printable(chosen), most);
		}
		return chosen;
	}

	/** Columns of the header split by {@code candidate}; 0 if it is not valid CSV that way. */
	private static int columnsWith(String headerText, char candidate) {
		try (CSVParser parser = CSVParser.parse(headerText, format(candidate))) {
			Iterator<CSVRecord> records = parser.iterator();
			return records.hasNext() ? records.next().size() : 0;
		}
		catch (IOException | UncheckedIOException | IllegalStateException e) {
			return 0;
		}
	}

	private List<String> parseHeader(PhysicalLineReader.Line line) throws IOException {
		try (CSVParser headerParser = CSVParser.parse(line.text(), format)) {
			Iterator<CSVRecord> records = headerParser.iterator();
			if (!records.hasNext()) {
				throw new InputFormatException(source + ": the header (line " + line.number() + ") has no columns");
			}
			return List.copyOf(Arrays.asList(records.next().values()));
		}
		catch (UncheckedIOException | IllegalStateException e) {
			throw new InputFormatException(source + ": the header (line " + line.number() + ") is not valid CSV ("
					+ describeParseFailure(e) + "): " + Excerpt.of(line.text(), 200));
		}
	}

	private static String exampleHeader(ColumnMapping mapping) {
		return mapping.layout() == ColumnMapping.Layout.LONG
				? String.join(",", ColumnMapping.CUSTOMER_ID, ColumnMapping.ID_TYPE, ColumnMapping.SCOPE_ID,
						ColumnMapping.SCOPED_ID)
				: mapping.customerIdColumn() + ",psid,page_id,asid,app_id";
	}

	/** A header read as one column that contains another likely delimiter was split with the wrong one. */
	private String delimiterHint(List<String> header) {
		if (header.size() != 1) {
			return null;
		}
		Character other = otherDelimiter(header.get(0));
		if (other == null) {
			return null;
		}
		String value = other == '\t' ? "tab" : String.valueOf(other);
		return "is the delimiter '" + printable(other) + "'? give --delimiter '" + value
				+ "' (or set crosswalk.input.delimiter=" + value + ")";
	}

	private Character otherDelimiter(String text) {
		for (char candidate : DELIMITER_CANDIDATES) {
			if (candidate != delimiter && text.indexOf(candidate) >= 0) {
				return candidate;
			}
		}
		return null;
	}

	private static String printable(char c) {
		return c == '\t' ? "\\t (tab)" : String.valueOf(c);
	}

	/** Compressed files, spreadsheets and UTF-16 text fail in confusing ways later; say what they are up front. */
	private void rejectNonCsv(BufferedInputStream in) throws IOException {
		in.mark(8);
		byte[] magic = in.readNBytes(4);
		in.reset();
		if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
			throw new InputFormatException(source + " is gzip-compressed: decompress it first");
		}
		if (magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
			throw new InputFormatException(source + " is a zip archive or an Excel workbook (.xlsx), not CSV: "
					+ "export the sheet as 'CSV UTF-8'");
		}
		if (magic.length >= 2 && (((magic[0] & 0xff) == 0xff && (magic[1] & 0xff) == 0xfe)
				|| ((magic[0] & 0xff) == 0xfe && (magic[1] & 0xff) == 0xff))) {
			throw new InputFormatException(source + " is UTF-16 text: save it as 'CSV UTF-8'");
		}
	}
}
