package com.crosswalk.graph;

import java.util.Objects;

/** A Page of the business: its Page access token and the app that manages the Page (whose secret signs the proof). */
public record PageCredentials(String pageId, String appId, String pageToken) {

	public PageCredentials {
		Objects.requireNonNull(pageId, "pageId");
		Objects.requireNonNull(appId, "appId");
	}

	@Override
	public String toString() {
		return "PageCredentials[pageId=" + pageId + ", appId=" + appId + ", pageToken=" + Redaction.MASK + "]";
	}
}
