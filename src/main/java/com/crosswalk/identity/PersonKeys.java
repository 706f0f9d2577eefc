package com.crosswalk.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives the key of a new person from its anchor (its smallest identifier), so a rerun or restart that sees the
 * same cluster mints the same key: {@code "p_"} + the first 16 hex digits of SHA-256 of the anchor's canonical
 * form. If that key is taken, {@code "#1"}, {@code "#2"}, ... is appended to the hashed text.
 */
public final class PersonKeys {

	static final String PREFIX = "p_";

	private final MessageDigest sha256;

	PersonKeys() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
		}
	}

	/** The 64-bit key code for {@code anchor}; attempt 0 is the plain derivation. */
	long code(String anchorCanonical, int attempt) {
		String text = (attempt == 0) ? anchorCanonical : anchorCanonical + "#" + attempt;
		byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
		long code = 0;
		for (int i = 0; i < 8; i++) {
			code = (code << 8) | (digest[i] & 0xff);
		}
		return code;
	}

	static String format(long code) {
		return PREFIX + HexFormat.of().toHexDigits(code);
	}

	/** The key a brand-new cluster anchored at {@code anchor} gets when nothing collides. */
	public static String derive(Identifier anchor) {
		return format(new PersonKeys().code(anchor.canonical(), 0));
	}
}
