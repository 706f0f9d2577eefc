package com.crosswalk.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A share of one lookup pass that one worker runs: the scopes whose lanes it reads, the slice of their IDs (all of
 * them, or one of a scope's slices by lookup order), and the size of their pages (each lane's share of the lookup
 * window, the same in every partition of the pass).
 */
public record LookupPartition(int pass, List<String> scopes, int pageSize, Slice slice) {

	public LookupPartition {
		scopes = List.copyOf(scopes);
		if (scopes.isEmpty() || pageSize < 1) {
			throw new IllegalArgumentException("a partition has scopes and pages of at least one ID");
		}
		if (!slice.whole() && scopes.size() != 1) {
			throw new IllegalArgumentException("a slice is of one scope's IDs");
		}
	}

	/** A partition of whole scopes. */
	public LookupPartition(int pass, List<String> scopes, int pageSize) {
		this(pass, scopes, pageSize, Slice.WHOLE);
	}

	/**
	 * Names the partition by what it holds: a restarted step gives a partition it ran before that one's saved state,
	 * matched by name, so a name must never stand for another set of IDs. A digest of the scopes, not their IDs:
	 * step names reach the job repository's tables, logs and metrics labels, which carry no app or Page ID.
	 */
	public String name() {
		String scopeList = String.join(",", scopes);
		return "pass" + pass + "-" + digest(slice.whole() ? scopeList : scopeList + "#" + slice.part() + "/" + slice.parts());
	}

	/** The scopes as messages and {@code status} show them, with the slice when the partition holds one. */
	public String label() {
		return String.join(", ", scopes) + (slice.whole() ? "" : " (slice " + (slice.part() + 1) + " of " + slice.parts() + ")");
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

	/**
	 * Part {@code part} of {@code parts} equal ranges of lookup order. The import spreads lookup orders evenly over
	 * the non-negative longs (blocks of input positions, placed by a multiplicative hash), so equal ranges hold
	 * about as many IDs once a scope spans a few dozen blocks, and slices of one scope never share an ID.
	 */
	public record Slice(int part, int parts) {

		public static final Slice WHOLE = new Slice(0, 1);

		public Slice {
			if (parts < 1 || part < 0 || part >= parts) {
				throw new IllegalArgumentException("slice " + part + " of " + parts);
			}
		}

		public boolean whole() {
			return parts == 1;
		}

		/** The lowest lookup order in the slice. */
		public long fromOrder() {
			return part == 0 ? Long.MIN_VALUE : part * step();
		}

		/** The highest lookup order in the slice. */
		public long toOrder() {
			return part == parts - 1 ? Long.MAX_VALUE : (part + 1) * step() - 1;
		}

		private long step() {
			return Long.MAX_VALUE / parts;
		}
	}
}
