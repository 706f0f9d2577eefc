package com.crosswalk.emulator;

/**
 * Which Business Use Case budget Page-token calls draw on. Meta does not say whether ID Matching calls count as
 * {@code pages} or {@code messenger} (reference §11.4), so the emulator lets the test choose.
 */
public enum PageBucType {

	/** {@code type:"pages"} in the usage header, error 80001 when exhausted. */
	PAGES("pages", 80001,
			"(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting."),

	/** {@code type:"messenger"} in the usage header, error 80006 when exhausted. */
	MESSENGER("messenger", 80006,
			"(#80006) There have been too many messenger api calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.");

	private final String wireName;

	private final int errorCode;

	private final String message;

	PageBucType(String wireName, int errorCode, String message) {
		this.wireName = wireName;
		this.errorCode = errorCode;
		this.message = message;
	}

	public String wireName() {
		return wireName;
	}

	public int errorCode() {
		return errorCode;
	}

	public String message() {
		return message;
	}

	public static PageBucType forCode(int code) {
		for (PageBucType type : values()) {
			if (type.errorCode == code) {
				return type;
			}
		}
		throw new IllegalArgumentException("BUC code must be 80001 or 80006, was " + code);
	}
}
