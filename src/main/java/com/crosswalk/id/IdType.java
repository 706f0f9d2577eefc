package com.crosswalk.id;

import java.util.Locale;

/** The two kinds of Facebook scoped user IDs that ID Matching maps between. */
public enum IdType {
	/** Page-scoped ID: issued by a Page's Messenger bot; its scope is the Page ID. */
	PSID,
	/** App-scoped ID: issued by Facebook Login in one app; its scope is the app ID. */
	ASID;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Parses {@code psid}/{@code asid} in any case; returns null for anything else. */
	public static IdType parse(String text) {
		if (text == null) {
			return null;
		}
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "psid" -> PSID;
			case "asid" -> ASID;
			default -> null;
		};
	}
}
