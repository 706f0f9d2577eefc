package com.crosswalk.graph;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks credentials in text that may be logged or thrown: parameter values (via {@link Redaction}), every known
 * secret and token of the business wherever it appears (a server may echo them), and anything shaped like an
 * appsecret_proof.
 */
final class SecretMask {

	/** Shorter values could be ordinary words or IDs; real secrets and tokens are far longer. */
	private static final int MIN_SECRET_LENGTH = 8;

	private static final Pattern PROOF_SHAPED = Pattern.compile("\\b[0-9a-fA-F]{64}\\b");

	private final List<String> secrets;

	SecretMask(BusinessCredentials credentials) {
		Set<String> values = new LinkedHashSet<>();
		for (AppCredentials app : credentials.apps()) {
			values.add(app.secret());
			values.add(app.appToken());
			if (app.secret() != null) {
				values.add(app.effectiveToken());
			}
		}
		for (PageCredentials page : credentials.pages()) {
			values.add(page.pageToken());
		}
		values.removeIf(value -> value == null || value.length() < MIN_SECRET_LENGTH);
		// Longest first, so that a token containing a secret is masked whole.
		this.secrets = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
	}

	String mask(String text) {
		if (text == null) {
			return null;
		}
		String masked = Redaction.redact(text);
		for (String secret : secrets) {
			if (masked.contains(secret)) {
				masked = masked.replace(secret, Redaction.MASK);
			}
		}
		return PROOF_SHAPED.matcher(masked).replaceAll(Redaction.MASK);
	}
}
