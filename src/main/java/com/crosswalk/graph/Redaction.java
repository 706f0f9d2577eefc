package com.crosswalk.graph;

import java.util.regex.Pattern;

/** Strips credentials from anything that may be logged, thrown or written: URLs, query strings, messages. */
public final class Redaction {

	public static final String MASK = "***";

	private static final Pattern SECRET_PARAMS = Pattern.compile(
			"(?i)(access_token|appsecret_proof|appsecret_time|client_secret|input_token|password)=[^&\\s\"']*");

	private Redaction() {
	}

	/** Masks the values of token, proof and password parameters in a URL (a JDBC URL too), query string or free text. */
	public static String redact(String text) {
		if (text == null) {
			return null;
		}
		return SECRET_PARAMS.matcher(text).replaceAll("$1=" + MASK);
	}
}
