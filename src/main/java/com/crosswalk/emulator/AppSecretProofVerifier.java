package com.crosswalk.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code appsecret_proof}: hex HMAC-SHA256 of the token keyed by the secret of the token's app, in any case;
 * or, with {@code appsecret_time}, of {@code token|time}, where time is integer Unix seconds no more than five
 * minutes away from now (reference §3).
 */
final class AppSecretProofVerifier {

	static final Duration TIME_TOLERANCE = Duration.ofMinutes(5);

	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	});

	private AppSecretProofVerifier() {
	}

	/** Throws the matching #100 error when the proof is missing, wrong or too old. */
	static void verify(String token, String secret, String proof, String time, long nowEpochSeconds) {
		if (proof == null || proof.isEmpty()) {
			throw GraphError.proofMissing().exception();
		}
		String message = token;
		if (time != null) {
			long seconds;
			try {
				seconds = Long.parseLong(time);
			}
			catch (NumberFormatException ex) {
				throw GraphError.proofInvalid().exception();
			}
			if (Math.abs(nowEpochSeconds - seconds) > TIME_TOLERANCE.toSeconds()) {
				throw GraphError.proofTimeExpired().exception();
			}
			message = token + "|" + time;
		}
		byte[] given;
		try {
			given = HexFormat.of().parseHex(proof);
		}
		catch (IllegalArgumentException ex) {
			throw GraphError.proofInvalid().exception();
		}
		if (!MessageDigest.isEqual(given, hmac(secret, message))) {
			throw GraphError.proofInvalid().exception();
		}
	}

	static String proof(String token, String secret) {
		return HexFormat.of().formatHex(hmac(secret, token));
	}

	private static byte[] hmac(String secret, String message) {
		Mac mac = MACS.get();
		try {
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot key HmacSHA256", ex);
		}
		return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
	}
}
