package com.crosswalk.input;

/**
 * How to read a CSV file. Immutable; build with {@link #builder()}.
 *
 * @param delimiter field separator, default {@code ','}
 * @param detectDelimiter the delimiter was not given: a header that is one column with ',' but splits with
 * {@code ';'}, tab or {@code '|'} is read with that one instead
 * @param maxLineBytes longest physical line accepted; longer lines are rejected without being held in memory
 * @param maxRecordLines most physical lines one quoted record may span before its opening quote is taken to be
 * a stray one
 */
public record CsvOptions(char delimiter, boolean detectDelimiter, int maxLineBytes, int maxRecordLines) {

	public static final char DEFAULT_DELIMITER = ',';

	/** 1 MiB: a row of IDs is well under 1 KB, so anything near this is not a row of IDs. */
	public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

	public static final int DEFAULT_MAX_RECORD_LINES = 100;

	public CsvOptions {
		if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
			throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
		}
		if (maxLineBytes < 64) {
			throw new IllegalArgumentException("maxLineBytes must be at least 64");
		}
		if (maxRecordLines < 1) {
			throw new IllegalArgumentException("maxRecordLines must be at least 1");
		}
	}

	public static CsvOptions defaults() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public static final class Builder {

		private char delimiter = DEFAULT_DELIMITER;

		private boolean detectDelimiter = true;

		private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;

		private int maxRecordLines = DEFAULT_MAX_RECORD_LINES;

		private Builder() {
		}

		/** A delimiter given is the one used, whatever the header looks like. */
		public Builder delimiter(char delimiter) {
			this.delimiter = delimiter;
			this.detectDelimiter = false;
			return this;
		}

		/**
		 * Accepts a one-character delimiter as configured in a properties file; {@code \t} and {@code tab} mean
		 * the tab character; null or empty leave it to the header (see {@link CsvOptions#detectDelimiter()}).
		 */
		public Builder delimiter(String delimiter) {
			if (delimiter == null || delimiter.isEmpty()) {
				return this;
			}
			if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
				return delimiter('\t');
			}
			if (delimiter.length() != 1) {
				throw new IllegalArgumentException("the CSV delimiter must be one character, got '" + delimiter + "'");
			}
			return delimiter(delimiter.charAt(0));
		}

		public Builder maxLineBytes(int maxLineBytes) {
			this.maxLineBytes = maxLineBytes;
			return this;
		}

		public Builder maxRecordLines(int maxRecordLines) {
			this.maxRecordLines = maxRecordLines;
			return this;
		}

		public CsvOptions build() {
			return new CsvOptions(delimiter, detectDelimiter, maxLineBytes, maxRecordLines);
		}
	}
}
