package com.crosswalk.graph;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import com.crosswalk.id.ScopedId;

class UserNodeAnswerTest {

	private static final String BODY = """
			{"id":"900","name":"Ana","age_range":{"min":21},
			 "ids_for_apps":{"data":[{"id":"11","app":{"id":"A1","name":"Shop"}},{"id":"12","app":{"id":"A2"}}],
			                 "paging":{"cursors":{"before":"b","after":"cur-apps"},"next":"https://graph/x?access_token=T"}},
			 "ids_for_pages":{"data":[{"id":"21","page":{"id":"P1","name":"Bot"}}],
			                  "paging":{"cursors":{"before":"b","after":"cur-pages"}}}}
			""";

	@Test
	void readsBothEdgesProfileAndOnlyCursorsWithANextLink() {
		UserNodeAnswer answer = UserNodeAnswer.parse(GraphJson.parse(BODY).orElseThrow(),
				List.of("name", "age_range"), Set.of(), Set.of());

		assertThat(answer.linked()).containsExactly(ScopedId.asid("A1", "11"), ScopedId.asid("A2", "12"),
				ScopedId.psid("P1", "21"));
		assertThat(answer.profile()).containsEntry("name", "Ana").containsEntry("age_range", "{\"min\":21}");
		assertThat(answer.appsAfter()).isEqualTo("cur-apps");
		assertThat(answer.pagesAfter()).as("no next link: last page").isNull();
		assertThat(answer.hasMore()).isTrue();
	}

	@Test
	void targetsFilterTheAnswer() {
		UserNodeAnswer answer = UserNodeAnswer.parse(GraphJson.parse(BODY).orElseThrow(), List.of(), Set.of("A2"),
				Set.of("P9"));

		assertThat(answer.linked()).containsExactly(ScopedId.asid("A2", "12"));
	}

	@Test
	void itemsWithoutTheirIdOrOwnerAreCountedNotFiled() {
		String body = """
				{"id":"900","ids_for_apps":{"data":[{"id":"11"},{"id":"12","app":{"id":"A2"}},{"app":{"id":"A3"}}]},
				 "ids_for_pages":{"data":[{"id":"21","page":{"name":"no id"}}]}}
				""";

		UserNodeAnswer answer = UserNodeAnswer.parse(GraphJson.parse(body).orElseThrow(), List.of(), Set.of(),
				Set.of());

		assertThat(answer.linked()).containsExactly(ScopedId.asid("A2", "12"));
		assertThat(answer.itemsWithoutOwner()).isEqualTo(3);
	}

	@Test
	void omittedEdgesMeanNoIds() {
		UserNodeAnswer answer = UserNodeAnswer.parse(GraphJson.parse("{\"id\":\"900\"}").orElseThrow(), List.of(),
				Set.of(), Set.of());

		assertThat(answer.linked()).isEmpty();
		assertThat(answer.hasMore()).isFalse();
	}
}
