package com.crosswalk.input;

import java.util.Set;
import java.util.regex.Pattern;

import com.crosswalk.graph.BusinessCredentials;
import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * Checks one {@link InputRow} against the rules for Facebook IDs and the business's own Pages and apps. Every
 * rejection says what is wrong and what to do, because the person reading the report is the one who exported
 * the file.
 * <p>
 * IDs are accepted only in canonical form: decimal digits 0-9, no sign, no leading zero, at most
 * 9223372036854775807. Surrounding whitespace (including no-break and zero-width spaces that spreadsheets add) is
 * trimmed and accepted. Values are only ever compared and stored as text, never interpreted: a value that looks
 * like SQL is just not numeric (all SQL downstream is parameterised).
 * <p>
 * Stateless and thread-safe.
 */
public final class RowValidator {

	public static final int MAX_CUSTOMER_ID_LENGTH = 200;

	private static final String MAX_ID = Long.toString(Long.MAX_VALUE);

	private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d+(?:[.,]\\d*)?[eE][+-]?\\d+");

	private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+[.,]\\d+");

	private static final Pattern SIGNED = Pattern.compile("[+-]\\d+");

	private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(?:[,.'’]\\d{3})+");

	private final String businessId;

	private final Set<String> pageIds;

	private final Set<String> appIds;

	public RowValidator(BusinessCredentials business) {
		this.businessId = business.businessId();
		this.pageIds = business.pagesById().keySet();
		this.appIds = business.appsById().keySet();
	}

	public RowResult validate(InputRow row) {
		RowResult result = check(row);
		if (result instanceof RejectedRow rejected && row.readable()) {
			return rejected.withCustomerId(row.customerId());
		}
		return result;
	}

	private RowResult check(InputRow row) {
		SourcePosition position = row.position();
		if (!row.readable()) {
			return new RejectedRow(position, "record", row.unreadable().excerpt(), RejectionCode.UNREADABLE_RECORD,
					row.unreadable().reason());
		}
		String typeText = trim(row.idType());
		if (typeText.isEmpty()) {
			return new RejectedRow(position, ColumnMapping.ID_TYPE, row.idType(), RejectionCode.EMPTY,
					"id_type is empty: write psid (Page-scoped ID, from Messenger) or asid (app-scoped ID, from "
							+ "Facebook Login)");
		}
		IdType type = IdType.parse(typeText);
		if (type == null) {
			return new RejectedRow(position, ColumnMapping.ID_TYPE, row.idType(), RejectionCode.BAD_ID_TYPE,
					"id_type must be psid (Page-scoped ID, from Messenger) or asid (app-scoped ID, from Facebook Login)");
		}
		String scopeLabel = (type == IdType.PSID) ? "page ID" : "app ID";
		RejectedRow bad = checkNumeric(position, ColumnMapping.SCOPE_ID, scopeLabel, row.scopeId());
		if (bad != null) {
			return bad;
		}
		String scope = trim(row.scopeId());
		bad = checkOwnership(position, type, scope, row.scopeId());
		if (bad != null) {
			return bad;
		}
		bad = checkNumeric(position, ColumnMapping.SCOPED_ID, type.wireName(), row.scopedId());
		if (bad != null) {
			return bad;
		}
		String customerId = null;
		if (row.customerId() != null) {
			customerId = row.customerId().strip();
			if (customerId.isEmpty()) {
				customerId = null;
			}
			else if (customerId.length() > MAX_CUSTOMER_ID_LENGTH) {
				return new RejectedRow(position, ColumnMapping.CUSTOMER_ID, customerId, RejectionCode.BAD_CUSTOMER_ID,
						"customer_id is " + customerId.length() + " characters long, over the limit of "
								+ MAX_CUSTOMER_ID_LENGTH + ": use the customer's key, not a free-text column");
			}
			else if (customerId.chars().anyMatch(c -> Excerpt.isControl((char) c))) {
				return new RejectedRow(position, ColumnMapping.CUSTOMER_ID, customerId, RejectionCode.BAD_CUSTOMER_ID,
						"customer_id contains control characters (line break, tab or similar): use the customer's "
								+ "key as plain text");
			}
		}
		return new ValidRow(position, customerId, new ScopedId(type, scope, trim(row.scopedId())));
	}

	private RejectedRow checkOwnership(SourcePosition position, IdType type, String scope, String raw) {
		Set<String> expected = (type == IdType.PSID) ? pageIds : appIds;
		if (expected.contains(scope)) {
			return null;
		}
		Set<String> other = (type == IdType.PSID) ? appIds : pageIds;
		if (other.contains(scope)) {
			String is = (type == IdType.PSID) ? "app" : "Page";
			String want = (type == IdType.PSID) ? "Page" : "app";
			String otherType = (type == IdType.PSID) ? IdType.ASID.wireName() : IdType.PSID.wireName();
			return new RejectedRow(position, ColumnMapping.SCOPE_ID, raw, RejectionCode.WRONG_SCOPE_KIND,
					"scope_id " + scope + " is one of business " + businessId + "'s " + is + "s, not a " + want
							+ ": a " + type.wireName() + " needs the " + want + " ID in scope_id (or should id_type be "
							+ otherType + "?)");
		}
		String kind = (type == IdType.PSID) ? "page" : "app";
		String kinds = (type == IdType.PSID) ? "Pages" : "apps";
		return new RejectedRow(position, ColumnMapping.SCOPE_ID, raw, RejectionCode.UNKNOWN_SCOPE,
				kind + " " + scope + " is not one of business " + businessId + "'s " + kinds
						+ " (unknown, or another business's): add it to the business file if it is yours");
	}

	/**
	 * Null when {@code raw} is a canonical unsigned 64-bit decimal after trimming; otherwise the most specific
	 * explanation of how it got damaged.
	 */
	private static RejectedRow checkNumeric(SourcePosition position, String field, String label, String raw) {
		String value = trim(raw);
		if (value.isEmpty()) {
			return new RejectedRow(position, field, raw, RejectionCode.EMPTY,
					field + " is empty: every row needs its " + label);
		}
		if (isDigits(value)) {
			if (value.length() > MAX_ID.length()
					|| (value.length() == MAX_ID.length() && value.compareTo(MAX_ID) > 0)) {
				return new RejectedRow(position, field, raw, RejectionCode.TOO_LARGE,
						field + " has " + value.length() + " digits, above the largest Facebook ID (" + MAX_ID
								+ ", 19 digits): check the column holds the " + label + " and nothing glued to it");
			}
			if (value.charAt(0) == '0') {
				return new RejectedRow(position, field, raw, RejectionCode.LEADING_ZERO, value.length() == 1
						? field + " is 0, which is not an ID: fill in the real " + label + " or remove the row"
						: field + " starts with 0, which no Facebook ID does: it was padded or re-typed; use the " + label
								+ " exactly as the Graph API gives it");
			}
			return null;
		}
		if (SCIENTIFIC.matcher(value).matches()) {
			return new RejectedRow(position, field, raw, RejectionCode.SPREADSHEET_MANGLED,
					field + " is mangled by a spreadsheet (scientific notation, like 1.01524E+16) and its last digits "
							+ "are lost: re-export the column as text");
		}
		if (DECIMAL.matcher(value).matches()) {
			return new RejectedRow(position, field, raw, RejectionCode.SPREADSHEET_MANGLED,
					field + " has a decimal part: the column was exported as a number by a spreadsheet; re-export it "
							+ "as text");
		}
		if (SIGNED.matcher(value).matches()) {
			return new RejectedRow(position, field, raw, RejectionCode.SIGNED,
					field + " has a sign (" + value.charAt(0) + "): Facebook IDs are unsigned digits; remove the sign"
							+ (value.charAt(0) == '-' ? " (a negative value is usually a placeholder, not an ID)" : ""));
		}
		if (isDigits(value.replaceAll("\\s+", ""))) {
			return new RejectedRow(position, field, raw, RejectionCode.INNER_WHITESPACE,
					field + " has spaces inside the number: remove them (digit grouping from a spreadsheet or a "
							+ "copy-paste)");
		}
		if (GROUPED.matcher(value).matches()) {
			return new RejectedRow(position, field, raw, RejectionCode.NOT_NUMERIC,
					field + " has digit-grouping separators (like 1,234,567): export the column as text without "
							+ "thousands separators");
		}
		return new RejectedRow(position, field, raw, RejectionCode.NOT_NUMERIC,
				field + " is not a number: a " + label + " is digits 0-9 only (found '"
						+ Excerpt.of(String.valueOf(firstNonDigit(value)), 10) + "')");
	}

	private static boolean isDigits(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static char firstNonDigit(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return c;
			}
		}
		return '?';
	}

	/** Strips whitespace, including the no-break, zero-width and BOM characters that spreadsheets leave around. */
	static String trim(String raw) {
		if (raw == null) {
			return "";
		}
		int start = 0;
		int end = raw.length();
		while (start < end && isBlank(raw.charAt(start))) {
			start++;
		}
		while (end > start && isBlank(raw.charAt(end - 1))) {
			end--;
		}
		return (start == 0 && end == raw.length()) ? raw : raw.substring(start, end);
	}

	private static boolean isBlank(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
	}
}
