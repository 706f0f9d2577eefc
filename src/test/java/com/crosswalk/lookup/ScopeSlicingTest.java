package com.crosswalk.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.crosswalk.id.IdType;

class ScopeSlicingTest {

	@Test
	void onlyWorkersSliceAndOnlyTheKindsWithoutABudget() {
		assertThat(ScopeSlicing.forWorkers(false, 0, 0)).isEqualTo(ScopeSlicing.NONE);
		ScopeSlicing pagesOnly = ScopeSlicing.forWorkers(true, 3_600, 0);

		assertThat(pagesOnly.slices(IdType.PSID)).isTrue();
		assertThat(pagesOnly.slices(IdType.ASID)).isFalse();
		assertThat(ScopeSlicing.forWorkers(true, 3_600, 3_600).any()).isFalse();
	}

	@Test
	void aPassHasAsManyPartitionsAsTheSettingWhereScopesAreSlicedElseAtMostTheScopes() {
		assertThat(ScopeSlicing.forWorkers(true, 0, 0).partitionsAPass(8, 5)).isEqualTo(8);
		assertThat(ScopeSlicing.NONE.partitionsAPass(8, 5)).isEqualTo(5);
		assertThat(ScopeSlicing.NONE.partitionsAPass(8, 12)).isEqualTo(8);
	}
}
