package com.crosswalk.graph;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

	private final SecretMask mask = new SecretMask(new BusinessCredentials("B1",
			List.of(new AppCredentials("101", "app-secret-101", null)),
			List.of(new PageCredentials("201", "101", "EAAB-page-token-201"))));

	@Test
	void masksParametersKnownValuesAndProofShapedText() {
		String text = "GET /v26.0/9?access_token=abc&fields=id failed; server echoed EAAB-page-token-201 and "
				+ "101|app-secret-101 and 5178126229f2234e94bdb9674c46f0ece7ea3d50909ad62490d3da036a2a387e";

		String masked = mask.mask(text);

		assertThat(masked).doesNotContain("abc&", "EAAB-page-token-201", "app-secret-101", "5178126229f2")
			.contains("access_token=***", "fields=id");
	}
}
