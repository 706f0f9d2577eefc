package com.crosswalk.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A share of one lookup pass that one worker runs: the scopes whose lanes it reads, and the size of their pages (each
 * lane's share of the lookup window, the same in every partition of the pass).
 */
public record LookupPartition(int pass, List<String> scopes, int pageSize) {

	public LookupPartition {
		scopes = List.copyOf(scopes);
		if (scopes.isEmpty() || pageSize < 1) {
			throw new IllegalArgumentException("a partition has scopes and pages of at least one ID");
		}
	}

	/**
	 * Names the partition by what it holds: a restarted step gives a partition it ran before that one's saved state,
	 * matched by name, so a name must never stand for another set of scopes. A digest of the scopes, not their IDs:
	 * step names reach the job repository's tables, logs and metrics labels, which carry no app or Page ID.
	 */
	public String name() {
		return "pass" + pass + "-" + digest(String.join(",", scopes));
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}
}
