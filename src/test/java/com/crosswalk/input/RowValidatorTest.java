package com.crosswalk.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.crosswalk.id.ScopedId;

class RowValidatorTest {

	private final RowValidator validator = new RowValidator(InputFixtures.BUSINESS);

	private final SourcePosition at = SourcePosition.line("t.csv", 7);

	@Test
	void acceptsAndTrimsIncludingSpreadsheetSpaces() {
		RowResult result = validator.validate(InputRow.of(at, "  c1 ", " ASID ", "\u00a0111", "2001\u200b"));
		assertThat(result).isEqualTo(new ValidRow(at, "c1", ScopedId.asid("111", "2001")));
	}

	@Test
	void blankCustomerIdIsNoCustomer() {
		RowResult result = validator.validate(InputRow.of(at, "   ", "psid", "222", "1"));
		assertThat(result).isEqualTo(new ValidRow(at, null, ScopedId.psid("222", "1")));
	}

	/** Rejects go back to the CRM owner by customer. */
	@Test
	void aRejectNamesTheRowsCustomer() {
		assertThat(reject(InputRow.of(at, " C-17 ", "asid", "333", "1")).customerId()).isEqualTo("C-17");
		assertThat(reject(InputRow.of(at, "C-18", "psid", "222", "1.01524E+16")).customerId()).isEqualTo("C-18");
		assertThat(reject(InputRow.of(at, "  ", "psid", "222", "x")).customerId()).isNull();
	}

	@Test
	void pageUsedAsAppIsExplained() {
		RejectedRow rejected = reject(InputRow.of(at, null, "asid", "222", "1"));
		assertThat(rejected.code()).isEqualTo(RejectionCode.WRONG_SCOPE_KIND);
		assertThat(rejected.reason()).isEqualTo("scope_id 222 is one of business B1's Pages, not a app: a asid needs "
				+ "the app ID in scope_id (or should id_type be psid?)");
	}

	@Test
	void unknownAppIsExplained() {
		RejectedRow rejected = reject(InputRow.of(at, null, "asid", "333", "1"));
		assertThat(rejected.reason()).isEqualTo("app 333 is not one of business B1's apps (unknown, or another "
				+ "business's): add it to the business file if it is yours");
	}

	@Test
	void malformedScopeIsCheckedLikeAnId() {
		RejectedRow rejected = reject(InputRow.of(at, null, "psid", "2.22E+2", "1"));
		assertThat(rejected.field()).isEqualTo("scope_id");
		assertThat(rejected.code()).isEqualTo(RejectionCode.SPREADSHEET_MANGLED);
	}

	@Test
	void customerIdLimits() {
		assertThat(reject(InputRow.of(at, "x".repeat(201), "psid", "222", "1")).reason())
			.startsWith("customer_id is 201 characters long, over the limit of 200");
		assertThat(validator.validate(InputRow.of(at, "x".repeat(200), "psid", "222", "1")).accepted()).isTrue();
		RejectedRow tab = reject(InputRow.of(at, "a\tb", "psid", "222", "1"));
		assertThat(tab.code()).isEqualTo(RejectionCode.BAD_CUSTOMER_ID);
		assertThat(tab.value()).isEqualTo("a\\tb");
	}

	@Test
	void rejectedValuesAreCutTo200Characters() {
		RejectedRow rejected = reject(InputRow.of(at, null, "psid", "222", "z".repeat(5000)));
		assertThat(rejected.value()).hasSize(200).endsWith("\u2026");
		assertThat(rejected.reason()).isEqualTo("scoped_id is not a number: a psid is digits 0-9 only (found 'z')");
	}

	@Test
	void groupedDigitsAndZero() {
		assertThat(reject(InputRow.of(at, null, "psid", "222", "1,234,567")).reason()).contains("digit-grouping");
		assertThat(reject(InputRow.of(at, null, "psid", "222", "0")).reason()).startsWith("scoped_id is 0, which is not an ID");
		assertThat(reject(InputRow.of(at, null, "psid", "222", null)).code()).isEqualTo(RejectionCode.EMPTY);
	}

	private RejectedRow reject(InputRow row) {
		RowResult result = validator.validate(row);
		assertThat(result).isInstanceOf(RejectedRow.class);
		return (RejectedRow) result;
	}
}
