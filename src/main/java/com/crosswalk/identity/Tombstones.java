package com.crosswalk.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Identifiers deleted by a privacy request. Only a SHA-256 of each identifier key is kept, so the table can say
 * "this one was forgotten" without holding the value.
 */
public class Tombstones {

	private final JdbcTemplate jdbc;

	private volatile Set<String> hashes;

	public Tombstones(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public static String hash(String identifierKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identifierKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Whether the identifier (key form {@code psid:PAGE:ID}, {@code customer::KEY}) was forgotten. */
	public boolean isForgotten(String identifierKey) {
		Set<String> loaded = hashes;
		if (loaded == null) {
			loaded = new HashSet<>(jdbc.queryForList("SELECT value_hash FROM cw_tombstone", String.class));
			hashes = loaded;
		}
		return !loaded.isEmpty() && loaded.contains(hash(identifierKey));
	}

	public void add(String identifierKey, Instant at) {
		String hash = hash(identifierKey);
		jdbc.update("MERGE INTO cw_tombstone t USING (VALUES (?, CAST(? AS TIMESTAMP WITH TIME ZONE))) AS s(value_hash, at) ON t.value_hash = s.value_hash"
				+ " WHEN NOT MATCHED THEN INSERT (value_hash, forgotten_at) VALUES (s.value_hash, s.at)", hash,
				Timestamp.from(at));
		hashes = null;
	}
}
