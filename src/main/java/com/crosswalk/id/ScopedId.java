package com.crosswalk.id;

import java.util.Objects;

/**
 * One scoped user ID: a PSID with the Page that issued it, or an ASID with the app that issued it.
 * IDs are kept as the decimal strings the Graph API sends.
 */
public record ScopedId(IdType type, String scopeId, String id) {

	public ScopedId {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(scopeId, "scopeId");
		Objects.requireNonNull(id, "id");
	}

	public static ScopedId psid(String pageId, String psid) {
		return new ScopedId(IdType.PSID, pageId, psid);
	}

	public static ScopedId asid(String appId, String asid) {
		return new ScopedId(IdType.ASID, appId, asid);
	}

	@Override
	public String toString() {
		return type.wireName() + ":" + scopeId + ":" + id;
	}
}
