package com.crosswalk.identity;

import java.util.Objects;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * Anything that names a person: a PSID of a Page, an ASID of an app, or the business's own customer ID.
 * <p>
 * Canonical string form {@code kind:scope:value}, e.g. {@code psid:222:1001}, {@code asid:111:2001},
 * {@code customer::C-17} (customers have no scope). The value comes last, so a customer ID may contain colons.
 * <p>
 * Order (used to pick a cluster's anchor and so its derived person key): by kind name, then scope, then value,
 * each compared shortest-first and then character by character. For canonical decimal IDs that is numeric order,
 * and it never depends on the order in which identifiers were seen.
 *
 * @param kind {@code psid}, {@code asid} or {@code customer}
 * @param scopeId the Page ID of a PSID, the app ID of an ASID, {@code ""} for a customer
 * @param value a canonical decimal (digits, no sign, no leading zero, at most 2^63-1) for PSIDs and ASIDs; any
 * non-empty text for a customer
 */
public record Identifier(String kind, String scopeId, String value) implements Comparable<Identifier> {

	public static final String PSID = "psid";

	public static final String ASID = "asid";

	public static final String CUSTOMER = "customer";

	public Identifier {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(scopeId, "scopeId");
		Objects.requireNonNull(value, "value");
		switch (kind) {
			case PSID, ASID -> {
				if (scopeId.isEmpty()) {
					throw new IllegalArgumentException(kind + " " + value + " needs a scope");
				}
				if (!isCanonicalLong(value)) {
					throw new IllegalArgumentException(kind + " value must be a canonical 64-bit decimal: " + value);
				}
			}
			case CUSTOMER -> {
				if (!scopeId.isEmpty()) {
					throw new IllegalArgumentException("a customer identifier has no scope");
				}
				if (value.isEmpty()) {
					throw new IllegalArgumentException("a customer identifier needs a value");
				}
			}
			default -> throw new IllegalArgumentException("unknown identifier kind: " + kind);
		}
	}

	public static Identifier of(ScopedId id) {
		return new Identifier(id.type().wireName(), id.scopeId(), id.id());
	}

	public static Identifier psid(String pageId, String psid) {
		return new Identifier(PSID, pageId, psid);
	}

	public static Identifier asid(String appId, String asid) {
		return new Identifier(ASID, appId, asid);
	}

	public static Identifier customer(String customerId) {
		return new Identifier(CUSTOMER, "", customerId);
	}

	/** Parses the {@link #canonical()} form. */
	public static Identifier parse(String canonical) {
		int first = canonical.indexOf(':');
		int second = (first < 0) ? -1 : canonical.indexOf(':', first + 1);
		if (second < 0) {
			throw new IllegalArgumentException("not an identifier (kind:scope:value): " + canonical);
		}
		return new Identifier(canonical.substring(0, first), canonical.substring(first + 1, second),
				canonical.substring(second + 1));
	}

	public boolean isCustomer() {
		return CUSTOMER.equals(kind);
	}

	/** The scoped ID, or null for a customer. */
	public ScopedId toScopedId() {
		return switch (kind) {
			case PSID -> new ScopedId(IdType.PSID, scopeId, value);
			case ASID -> new ScopedId(IdType.ASID, scopeId, value);
			default -> null;
		};
	}

	public String canonical() {
		return kind + ':' + scopeId + ':' + value;
	}

	@Override
	public int compareTo(Identifier other) {
		int c = kind.compareTo(other.kind);
		if (c == 0) {
			c = compareShortlex(scopeId, other.scopeId);
		}
		return (c != 0) ? c : compareShortlex(value, other.value);
	}

	@Override
	public String toString() {
		return canonical();
	}

	static int compareShortlex(String a, String b) {
		int c = Integer.compare(a.length(), b.length());
		return (c != 0) ? c : a.compareTo(b);
	}

	static boolean isCanonicalLong(String value) {
		int n = value.length();
		if (n == 0 || n > 19 || value.charAt(0) == '0') {
			return false;
		}
		for (int i = 0; i < n; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return n < 19 || value.compareTo("9223372036854775807") <= 0;
	}
}
