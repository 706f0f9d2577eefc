package com.crosswalk.input;

/** Why a row was rejected, as a stable code that reports can count and group by. */
public enum RejectionCode {
	/** The record could not be parsed: bad quoting, invalid UTF-8, too long, wrong number of fields. */
	UNREADABLE_RECORD,
	/** A required value is missing or blank. */
	EMPTY,
	/** id_type is not psid or asid. */
	BAD_ID_TYPE,
	/** A spreadsheet turned the ID into a number: scientific notation or a decimal part. */
	SPREADSHEET_MANGLED,
	/** The ID has a + or - sign. */
	SIGNED,
	/** Whitespace inside the ID (around it is trimmed and accepted). */
	INNER_WHITESPACE,
	/** The ID starts with 0, which no Facebook ID does: padded or truncated by an export. */
	LEADING_ZERO,
	/** The ID has characters other than the digits 0-9. */
	NOT_NUMERIC,
	/** More than 19 digits or above 9223372036854775807: not a 64-bit Facebook ID. */
	TOO_LARGE,
	/** The Page or app is not one of the business's. */
	UNKNOWN_SCOPE,
	/** The scope is one of the business's apps where a Page was expected, or the other way round. */
	WRONG_SCOPE_KIND,
	/** customer_id is longer than allowed or contains control characters. */
	BAD_CUSTOMER_ID
}
