package com.crosswalk.graph;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class GraphTransportTest {

	@Test
	void plainHttpIsOnlyAllowedToLoopback() {
		assertThatNoException().isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("https://graph.facebook.com")));
		assertThatNoException().isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("http://127.0.0.1:8080")));
		assertThatNoException().isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("http://localhost:1")));
		assertThatNoException().isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("http://[::1]:9")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("http://graph.facebook.com")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("http://10.0.0.1")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GraphTransport.requireSecureTransport(URI.create("ftp://127.0.0.1")));
	}

	@Test
	void transientMeansNoReadableGraphAnswerOrATransientCode() {
		assertThat(GraphTransport.isTransient(exchange(502, "<html>Bad Gateway</html>"))).isTrue();
		assertThat(GraphTransport.isTransient(exchange(200, "[{\"code\":2"))).isTrue();
		assertThat(GraphTransport.isTransient(exchange(500, "{\"error\":{\"code\":2,\"message\":\"retry\"}}"))).isTrue();
		assertThat(GraphTransport.isTransient(exchange(503, "{\"unexpected\":true}"))).isTrue();
		assertThat(GraphTransport.isTransient(exchange(400, "{\"error\":{\"code\":100}}"))).isFalse();
		assertThat(GraphTransport.isTransient(exchange(500, "{\"error\":{\"code\":190}}")))
			.as("classified by code, not by status").isFalse();
		assertThat(GraphTransport.isTransient(exchange(200, "[]"))).isFalse();
	}

	@Test
	void backoffIsFullJitterUnderACappedExponential() {
		GraphClientConfig config = GraphClientConfig.custom()
			.initialBackoff(java.time.Duration.ofMillis(100))
			.maxBackoff(java.time.Duration.ofMillis(350))
			.build();
		var backoff = GraphTransport.fullJitter(config);
		for (int i = 0; i < 200; i++) {
			assertThat(backoff.apply(1)).isBetween(0L, 100L);
			assertThat(backoff.apply(2)).isBetween(0L, 200L);
			assertThat(backoff.apply(10)).isBetween(0L, 350L);
		}
	}

	private static RawExchange exchange(int status, String body) {
		return new RawExchange("u", status, Map.of(), body);
	}
}
