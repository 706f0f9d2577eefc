package com.crosswalk.emulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** {@code application/x-www-form-urlencoded}, as used by query strings, POST bodies and batch item bodies. */
final class FormCodec {

	private FormCodec() {
	}

	/** Adds the decoded pairs of {@code encoded} to {@code target}; a repeated name keeps its last value. */
	static void decodeInto(String encoded, Map<String, String> target) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = eq < 0 ? pair : pair.substring(0, eq);
			String value = eq < 0 ? "" : pair.substring(eq + 1);
			target.put(decode(name), decode(value));
		}
	}

	static String encode(Map<String, String> params) {
		StringJoiner joiner = new StringJoiner("&");
		params.forEach((name, value) -> joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return joiner.toString();
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// a malformed escape is kept literally, as a lenient server would
			return text;
		}
	}
}
