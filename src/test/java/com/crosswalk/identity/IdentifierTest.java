package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.crosswalk.id.ScopedId;

class IdentifierTest {

	@Test
	void canonicalFormRoundTrips() {
		for (Identifier id : List.of(Identifier.psid("222", "1001"), Identifier.asid("111", "9223372036854775807"),
				Identifier.customer("C:17: with colons"))) {
			assertThat(Identifier.parse(id.canonical())).isEqualTo(id);
		}
		assertThat(Identifier.customer("C1").canonical()).isEqualTo("customer::C1");
		assertThat(Identifier.of(ScopedId.psid("222", "5")).canonical()).isEqualTo("psid:222:5");
		assertThat(Identifier.of(ScopedId.asid("111", "7")).toScopedId()).isEqualTo(ScopedId.asid("111", "7"));
	}

	@Test
	void orderIsByKindThenNumericScopeThenNumericValue() {
		List<Identifier> ids = new ArrayList<>(List.of(Identifier.psid("222", "10"), Identifier.psid("222", "9"),
				Identifier.customer("b"), Identifier.customer("aa"), Identifier.asid("1000", "1"),
				Identifier.asid("999", "5")));
		ids.sort(null);
		assertThat(ids).containsExactly(Identifier.asid("999", "5"), Identifier.asid("1000", "1"),
				Identifier.customer("b"), Identifier.customer("aa"), Identifier.psid("222", "9"),
				Identifier.psid("222", "10"));
	}

	@Test
	void rejectsNonCanonicalScopedValues() {
		assertThatThrownBy(() -> Identifier.psid("222", "0123")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Identifier.psid("222", "9223372036854775808")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Identifier.asid("", "1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Identifier("email", "", "a@b")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Identifier.customer("")).isInstanceOf(IllegalArgumentException.class);
	}
}
