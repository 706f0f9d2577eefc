package com.crosswalk.id;

import java.util.Objects;

/**
 * An app (for ASIDs) or a Page (for PSIDs): the unit that owns a token, a rate budget and an ID Matching review
 * state.
 */
public record Scope(IdType type, String id) {

	public Scope {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(id, "id");
	}

	public static Scope of(ScopedId scopedId) {
		return new Scope(scopedId.type(), scopedId.scopeId());
	}

	public static Scope app(String appId) {
		return new Scope(IdType.ASID, appId);
	}

	public static Scope page(String pageId) {
		return new Scope(IdType.PSID, pageId);
	}

	@Override
	public String toString() {
		return ((type == IdType.ASID) ? "app " : "page ") + id;
	}
}
