package com.crosswalk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadTest {

	@Test
	void theMedianOfAnOddNumberOfRunsIsTheMiddleOneAndOfAnEvenNumberTheMeanOfTheMiddleTwo() {
		assertThat(Spread.of(List.of(30.0, 10.0, 12.0))).isEqualTo(new Spread(12.0, 10.0, 30.0, 3));
		assertThat(Spread.of(List.of(4.0, 1.0, 3.0, 100.0))).isEqualTo(new Spread(3.5, 1.0, 100.0, 4));
	}

	@Test
	void runsWithoutTheFigureAreLeftOutAndNoneAtAllGiveNoSpread() {
		assertThat(Spread.of(Arrays.asList(null, 5.0, null))).isEqualTo(new Spread(5.0, 5.0, 5.0, 1));
		assertThat(Spread.of(Arrays.asList((Double) null))).isNull();
	}

	@Test
	void aRatioOfMediansKeepsTheRangeOfTheRatiosRunByRun() {
		assertThat(Spread.ratio(9.5, List.of(8.0, 11.0, 10.0))).isEqualTo(new Spread(9.5, 8.0, 11.0, 3));
	}

	@Test
	void theRangeIsShownOnlyWhereTheRunsDiffer() {
		assertThat(Spread.of(List.of(20.04, 19.5, 23.0)).format("%.1f")).isEqualTo("20.0 (19.5–23.0)");
		assertThat(Spread.of(List.of(930.0, 930.0)).format("%,.0f")).isEqualTo("930");
	}
}
