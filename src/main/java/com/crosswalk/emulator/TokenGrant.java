package com.crosswalk.emulator;

/**
 * What an access token stands for. An app token acts for its app; a Page token acts for its Page and was issued by
 * the Page's managing app, whose secret signs the proof.
 *
 * @param page the Page of a Page token, null for app tokens
 */
record TokenGrant(Fixture.App app, Fixture.Page page, boolean expired) {

	boolean isPageToken() {
		return page != null;
	}

	/** The rate-limit and counter scope: the Page ID for Page tokens, the app ID for app tokens. */
	String scopeId() {
		return page != null ? page.id() : app.id();
	}

	String businessId() {
		return app.businessId();
	}
}
