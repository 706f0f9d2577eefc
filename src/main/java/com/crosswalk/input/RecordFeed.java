package com.crosswalk.input;

import java.io.Reader;

/**
 * Hands Commons CSV exactly one pre-assembled record at a time and then reports end of input, so that a parse
 * error can never make the parser run on into the following records: after a failure the reader simply builds
 * a fresh parser over this same feed and goes on with the next record.
 */
final class RecordFeed extends Reader {

	private String current = "";

	private int position;

	/** Makes {@code record} (which must end with a line break) the only text the parser can read next. */
	void offer(String record) {
		this.current = record;
		this.position = 0;
	}

	@Override
	public int read(char[] target, int offset, int length) {
		if (position >= current.length()) {
			return -1;
		}
		int n = Math.min(length, current.length() - position);
		current.getChars(position, position + n, target, offset);
		position += n;
		return n;
	}

	/** The parser closes its reader when discarded; the feed outlives any one parser. */
	@Override
	public void close() {
	}
}
