package com.crosswalk.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into physical lines (LF, CRLF or a lone CR, mixed freely) and decodes each as strict
 * UTF-8, so that one bad line is reported on its own instead of corrupting or stopping the rest. A line longer
 * than the limit is skipped without being held in memory. A UTF-8 byte order mark at the start is dropped.
 */
final class PhysicalLineReader implements AutoCloseable {

	/** One physical line: its text, or why it has none. */
	record Line(long number, String text, String problem, String excerpt) {

		boolean readable() {
			return problem == null;
		}
	}

	private static final int EXCERPT_BYTES = 200;

	private final InputStream in;

	private final int maxLineBytes;

	private final byte[] buffer = new byte[1 << 16];

	private int position;

	private int limit;

	private byte[] line = new byte[256];

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private long lineNumber;

	/** Bytes read from the stream before the current buffer's contents. */
	private long bytesBeforeBuffer;

	private boolean skipLineFeed;

	private boolean atStart = true;

	private boolean eof;

	PhysicalLineReader(InputStream in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/** Bytes of the stream consumed by the lines returned so far (the start of the line to come). */
	long bytesConsumed() {
		return bytesBeforeBuffer + position;
	}

	/** Number of the last line returned (1-based), 0 before the first. */
	long lineNumber() {
		return lineNumber;
	}

	/** The next line, or null at the end of the stream. */
	Line next() throws IOException {
		if (eof) {
			return null;
		}
		int length = 0;
		long total = 0;
		boolean sawAny = false;
		while (true) {
			if (position == limit && !fill()) {
				eof = true;
				if (!sawAny) {
					return null;
				}
				break;
			}
			if (skipLineFeed) {
				skipLineFeed = false;
				if (buffer[position] == '\n') {
					position++;
					continue;
				}
			}
			if (atStart) {
				atStart = false;
				if (limit - position >= 3 && (buffer[position] & 0xff) == 0xEF && (buffer[position + 1] & 0xff) == 0xBB
						&& (buffer[position + 2] & 0xff) == 0xBF) {
					position += 3;
					continue;
				}
			}
			sawAny = true;
			int start = position;
			int end = start;
			while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
				end++;
			}
			int chunk = end - start;
			if (total + chunk <= maxLineBytes) {
				ensureCapacity(length + chunk);
				System.arraycopy(buffer, start, line, length, chunk);
				length += chunk;
			}
			total += chunk;
			position = end;
			if (end < limit) {
				skipLineFeed = buffer[end] == '\r';
				position++;
				break;
			}
		}
		lineNumber++;
		if (total > maxLineBytes) {
			return new Line(lineNumber, null, "the line is " + total + " bytes long, over the limit of " + maxLineBytes
					+ " bytes: it cannot be a row of IDs; is it binary data "
					+ "or a file with no line breaks?", lossy(line, 0, Math.min(length, EXCERPT_BYTES)));
		}
		return decode(length);
	}

	private Line decode(int length) {
		boolean ascii = true;
		for (int i = 0; i < length; i++) {
			byte b = line[i];
			if (b == 0) {
				return new Line(lineNumber, null, "the line contains NUL bytes: binary data, or a UTF-16 file; "
						+ "save the file as CSV UTF-8", lossy(line, 0, Math.min(length, EXCERPT_BYTES)));
			}
			if (b < 0) {
				ascii = false;
			}
		}
		if (ascii) {
			return new Line(lineNumber, new String(line, 0, length, StandardCharsets.ISO_8859_1), null, null);
		}
		try {
			CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, length));
			return new Line(lineNumber, chars.toString(), null, null);
		}
		catch (MalformedInputException e) {
			int at = findMalformed(length);
			return new Line(lineNumber, null, String.format("invalid UTF-8 (byte 0x%02X at byte %d of the line): the file "
					+ "is not UTF-8, probably Windows-1252 or Latin-1; re-save it as CSV UTF-8", line[at] & 0xff, at + 1),
					lossy(line, 0, Math.min(length, EXCERPT_BYTES)));
		}
		catch (CharacterCodingException e) {
			return new Line(lineNumber, null, "the line cannot be decoded as UTF-8: " + e.getMessage(),
					lossy(line, 0, Math.min(length, EXCERPT_BYTES)));
		}
	}

	/** Position of the first malformed byte, for the message; the decoder's own exception does not say. */
	private int findMalformed(int length) {
		ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
		CharBuffer out = CharBuffer.allocate(length);
		decoder.reset().decode(bytes, out, true);
		return Math.min(bytes.position(), length - 1);
	}

	private static String lossy(byte[] bytes, int offset, int length) {
		return new String(bytes, offset, length, StandardCharsets.UTF_8);
	}

	private void ensureCapacity(int needed) {
		if (needed > line.length) {
			line = Arrays.copyOf(line, Math.max(needed, Math.min(line.length * 2, maxLineBytes)));
		}
	}

	private boolean fill() throws IOException {
		bytesBeforeBuffer += limit;
		int n = in.read(buffer, 0, buffer.length);
		while (n == 0) {
			n = in.read(buffer, 0, buffer.length);
		}
		if (n < 0) {
			position = limit = 0;
			return false;
		}
		position = 0;
		limit = n;
		return true;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
