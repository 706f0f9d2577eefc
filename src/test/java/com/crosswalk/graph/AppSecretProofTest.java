package com.crosswalk.graph;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppSecretProofTest {

	// Expected values computed independently (Python hmac/hashlib).
	private static final String CLASSIC = "5178126229f2234e94bdb9674c46f0ece7ea3d50909ad62490d3da036a2a387e";

	private static final String TIMESTAMPED = "307568925289bccb8f130f0f9395adb68c906f4ffe83e5e405c29235668ba473";

	@Test
	void classicProofIsLowercaseHexHmacOfTheTokenKeyedByTheSecret() {
		AppSecretProof proof = AppSecretProof.classic("EAAB-page-token", "app-secret-123");

		assertThat(proof.proof()).isEqualTo(CLASSIC);
		assertThat(proof.parameters()).containsOnlyKeys("appsecret_proof");
	}

	@Test
	void timestampedProofSignsTokenPipeSecondsAndSendsTheTime() {
		AppSecretProof proof = AppSecretProof.of(ProofMode.TIMESTAMPED, "EAAB-page-token", "app-secret-123",
				Instant.ofEpochSecond(1_700_000_000L, 999_000_000));

		assertThat(proof.proof()).isEqualTo(TIMESTAMPED);
		assertThat(proof.parameters()).containsEntry("appsecret_time", "1700000000");
	}

	@Test
	void toStringHidesTheProof() {
		assertThat(AppSecretProof.classic("EAAB-page-token", "app-secret-123").toString()).doesNotContain(CLASSIC);
	}
}
