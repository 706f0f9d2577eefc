package com.crosswalk.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque paging cursors: the position of an item in the edge's result, base64url-encoded. */
final class EdgeCursor {

	private static final String PREFIX = "xwpos:";

	private EdgeCursor() {
	}

	static String encode(int position) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
	}

	/** The position, or throws #100 when the cursor was not made here. */
	static int decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			if (text.startsWith(PREFIX)) {
				int position = Integer.parseInt(text.substring(PREFIX.length()));
				if (position >= 0) {
					return position;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the Graph error
		}
		throw GraphError.invalid("(#100) The cursor " + cursor + " is invalid").exception();
	}
}
