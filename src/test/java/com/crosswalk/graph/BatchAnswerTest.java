package com.crosswalk.graph;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchAnswerTest {

	private static RawExchange answer(int status, String body) {
		return new RawExchange("https://graph.example/v26.0", status, Map.of(), body);
	}

	@Test
	void itemsKeepOrderHeadersAndNulls() {
		String body = "[{\"code\":200,\"headers\":[{\"name\":\"X-App-Usage\",\"value\":\"{\\\"call_count\\\":5}\"}],"
				+ "\"body\":\"{\\\"id\\\":\\\"1\\\"}\"},null,{\"code\":400,\"body\":\"{\\\"error\\\":{\\\"code\\\":100}}\"}]";

		BatchAnswer parsed = BatchAnswer.parse(answer(200, body), 3);

		assertThat(parsed).isInstanceOfSatisfying(BatchAnswer.Items.class, items -> {
			assertThat(items.items()).hasSize(3);
			assertThat(items.items().get(0).headers()).containsEntry("X-App-Usage", List.of("{\"call_count\":5}"));
			assertThat(items.items().get(0).body()).isEqualTo("{\"id\":\"1\"}");
			assertThat(items.items().get(1)).isNull();
			assertThat(items.items().get(2).status()).isEqualTo(400);
		});
	}

	@Test
	void aShortArrayLeavesTheTailUnfinished() {
		BatchAnswer parsed = BatchAnswer.parse(answer(200, "[{\"code\":200,\"body\":\"{}\"}]"), 3);

		assertThat(parsed).isInstanceOfSatisfying(BatchAnswer.Items.class,
				items -> {
				assertThat(items.items()).hasSize(3);
				assertThat(items.items().get(0)).isNotNull();
				assertThat(items.items().subList(1, 3)).containsOnlyNulls();
			});
	}

	@Test
	void aWholeRequestErrorIsOneGraphError() {
		BatchAnswer parsed = BatchAnswer.parse(answer(400,
				"{\"error\":{\"message\":\"(#4) Application request limit reached\",\"code\":4}}"), 2);

		assertThat(parsed).isInstanceOfSatisfying(BatchAnswer.RequestError.class,
				error -> assertThat(error.error().kind()).isEqualTo(ErrorKind.THROTTLED));
	}

	@Test
	void htmlAndTruncatedBodiesAreUnreadable() {
		assertThat(BatchAnswer.parse(answer(502, "<html>Bad Gateway</html>"), 1))
			.isInstanceOf(BatchAnswer.Unreadable.class);
		assertThat(BatchAnswer.parse(answer(200, "[{\"code\":200,\"bo"), 1)).isInstanceOf(BatchAnswer.Unreadable.class);
	}
}
