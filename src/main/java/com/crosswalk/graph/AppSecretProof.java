package com.crosswalk.graph;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code appsecret_proof} (and, for the time-stamped form, {@code appsecret_time}) that goes with one access
 * token on one call. The key is the secret of the app that generated the token: for a Page token, the app that
 * manages the Page.
 */
public record AppSecretProof(String proof, Long appsecretTime) {

	private static final String HMAC = "HmacSHA256";

	public AppSecretProof {
		Objects.requireNonNull(proof, "proof");
	}

	public static AppSecretProof classic(String accessToken, String appSecret) {
		return new AppSecretProof(hmacHex(appSecret, accessToken), null);
	}

	/** Integer seconds, as Graph rejects fractional {@code appsecret_time}. */
	public static AppSecretProof timestamped(String accessToken, String appSecret, long unixSeconds) {
		return new AppSecretProof(hmacHex(appSecret, accessToken + "|" + unixSeconds), unixSeconds);
	}

	public static AppSecretProof of(ProofMode mode, String accessToken, String appSecret, Instant now) {
		return (mode == ProofMode.TIMESTAMPED) ? timestamped(accessToken, appSecret, now.getEpochSecond())
				: classic(accessToken, appSecret);
	}

	/** The query or form parameters that carry this proof. */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("appsecret_proof", proof);
		if (appsecretTime != null) {
			parameters.put("appsecret_time", Long.toString(appsecretTime));
		}
		return parameters;
	}

	@Override
	public String toString() {
		return "AppSecretProof[proof=" + Redaction.MASK + ", appsecretTime=" + appsecretTime + "]";
	}

	private static String hmacHex(String key, String message) {
		Objects.requireNonNull(key, "app secret");
		Objects.requireNonNull(message, "access token");
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is mandatory in every JRE, so this is a broken runtime, not bad input.
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}
}
