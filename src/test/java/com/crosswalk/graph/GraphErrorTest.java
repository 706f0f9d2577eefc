package com.crosswalk.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GraphErrorTest {

	@ParameterizedTest
	@CsvSource({ "1, false, TRANSIENT", "2, false, TRANSIENT", "341, false, TRANSIENT", "9999, true, TRANSIENT",
			"4, false, THROTTLED", "17, false, THROTTLED", "32, false, THROTTLED", "613, false, THROTTLED",
			"80001, false, THROTTLED", "80006, true, THROTTLED", "80099, false, THROTTLED",
			"368, false, POLICY_BLOCKED", "368, true, POLICY_BLOCKED", "200, false, PERMISSION_DENIED",
			"190, false, AUTH", "102, false, AUTH", "104, false, AUTH", "100, false, PERMANENT", "10, false, PERMISSION_DENIED",
			"230, false, PERMISSION_DENIED", "299, false, PERMISSION_DENIED", "803, false, PERMANENT",
			"12, false, PERMANENT" })
	void classifiesByCodeAndTransientFlag(int code, boolean transientFlag, ErrorKind expected) {
		String body = "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":" + code
				+ ",\"is_transient\":" + transientFlag + ",\"fbtrace_id\":\"Abc\"}}";

		assertThat(GraphError.fromBody(body)).hasValueSatisfying(error -> {
			assertThat(error.kind()).isEqualTo(expected);
			assertThat(error.fbtraceId()).isEqualTo("Abc");
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"(#200) Your business is under review for access to this API | REVIEW_PENDING",
			"(#200) Tu empresa está en fase de revisión para acceder a esta API | REVIEW_PENDING",
			"(#200) ID Matching is pending review for this business | REVIEW_PENDING",
			"(#200) Permissions error | PERMISSION_DENIED",
			"(#200) The user hasn't authorized the application to perform this action | PERMISSION_DENIED" })
	void aCode200IsTheReviewOnlyWhenItsMessageSaysSo(String message, ErrorKind expected) {
		String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":200}}";

		assertThat(GraphError.fromBody(body).map(GraphError::kind)).contains(expected);
	}

	@Test
	void onlyCode4IsAppWideAnd2018218IsAProfileError() {
		assertThat(GraphError.fromBody("{\"error\":{\"message\":\"(#4) Application request limit reached\","
				+ "\"code\":4}}").orElseThrow().appWide()).isTrue();
		assertThat(GraphError.fromBody("{\"error\":{\"message\":\"(#17) User request limit reached\","
				+ "\"code\":17}}").orElseThrow().appWide()).isFalse();
		assertThat(GraphError.fromBody("{\"error\":{\"message\":\"No profile available for this user.\","
				+ "\"code\":2018218}}").orElseThrow().profileUnavailable()).isTrue();
		assertThat(GraphError.fromBody("{\"error\":{\"message\":\"x\",\"code\":10,\"error_subcode\":2018218}}")
			.orElseThrow().profileUnavailable()).isTrue();
	}

	@Test
	void aRejectedProofIsACredentialProblemNotAnIdProblem() {
		String body = "{\"error\":{\"message\":\"Invalid appsecret_proof provided in the API argument\","
				+ "\"type\":\"GraphMethodException\",\"code\":100}}";

		assertThat(GraphError.fromBody(body).map(GraphError::kind)).contains(ErrorKind.AUTH);
	}

	@Test
	void readsSubcodeAndDescribesWithoutRepeatingTheCode() {
		var error = GraphError.fromBody("{\"error\":{\"message\":\"(#190) Expired\",\"code\":190,"
				+ "\"error_subcode\":463}}").orElseThrow();

		assertThat(error.subcode()).isEqualTo(463);
		assertThat(error.describe()).isEqualTo("(#190) Expired [subcode 463]");
	}

	@Test
	void bodiesWithoutAnErrorObjectAreNotErrors() {
		assertThat(GraphError.fromBody("{\"id\":\"1\"}")).isEmpty();
		assertThat(GraphError.fromBody("<html>502 Bad Gateway</html>")).isEmpty();
		assertThat(GraphError.fromBody("{\"error\":{\"message\":\"no code\"}}")).isEmpty();
	}
}
