package com.crosswalk.emulator;

/** The faults the emulator can inject; see {@link FaultSettings}. */
public enum FaultKind {

	SERVER_ERROR("server_error"),
	SLOW("slow"),
	DROPPED_CONNECTION("dropped_connection"),
	HTML_PAGE("html_page"),
	TRUNCATED_JSON("truncated_json"),
	NULL_BATCH_ITEM("null_batch_item");

	private final String wireName;

	FaultKind(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return wireName;
	}
}
