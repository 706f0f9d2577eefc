package com.crosswalk.lookup;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which blocked scopes a run probes now, before their review window has passed ({@code --recheck-blocked}): the
 * operator knows the review ended. Written as {@code all}, or scope IDs separated by commas; empty for none.
 */
public record RecheckBlocked(boolean all, Set<String> scopeIds) {

	public static final RecheckBlocked NONE = new RecheckBlocked(false, Set.of());

	public static final String ALL = "all";

	public RecheckBlocked {
		scopeIds = Collections.unmodifiableSet(new LinkedHashSet<>(scopeIds));
	}

	/** @throws IllegalArgumentException naming the part that is not a scope ID */
	public static RecheckBlocked parse(String text) {
		if (text == null || text.isBlank()) {
			return NONE;
		}
		if (text.trim().equalsIgnoreCase(ALL)) {
			return new RecheckBlocked(true, Set.of());
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String part : Arrays.stream(text.split(",")).map(String::trim).toList()) {
			if (!part.matches("[0-9]{1,32}")) {
				throw new IllegalArgumentException("--recheck-blocked takes 'all' or app/Page IDs separated by commas;"
						+ " '" + part + "' is not an ID");
			}
			ids.add(part);
		}
		return new RecheckBlocked(false, ids);
	}

	public boolean any() {
		return all || !scopeIds.isEmpty();
	}

	public boolean covers(String scopeId) {
		return all || scopeIds.contains(scopeId);
	}

	/** The form {@link #parse} reads, for the job parameters (a resumed run re-checks what the killed run did). */
	public String text() {
		return all ? ALL : String.join(",", scopeIds);
	}
}
