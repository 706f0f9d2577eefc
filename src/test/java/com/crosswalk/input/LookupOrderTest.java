package com.crosswalk.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.crosswalk.lookup.LookupPartition;

/** Where the import puts an ID in its scope's lane ({@link ImportRecorder#lookupOrder}). */
class LookupOrderTest {

	private static final int BLOCK = ImportRecorder.ORDER_BLOCK;

	private static final long POSITIONS = 200L * BLOCK;

	@Test
	void idsOfABlockKeepTheirInputOrderAndEveryOrderIsNonNegativeAndItsOwn() {
		Set<Long> orders = new HashSet<>();
		for (long position = 0; position < POSITIONS; position++) {
			long order = ImportRecorder.lookupOrder("113064877866452", position);
			assertThat(order).isNotNegative();
			assertThat(orders.add(order)).as("position %d has an order of its own", position).isTrue();
			if (position % BLOCK != 0) {
				assertThat(order).as("position %d follows its neighbour", position)
					.isEqualTo(ImportRecorder.lookupOrder("113064877866452", position - 1) + 1);
			}
		}
	}

	@Test
	void twoScopesReachTheSameInputBlockAtUnrelatedTimes() {
		// the rank of each block in one scope's lane against its rank in another's: neighbours in the input (one
		// person's IDs in two scopes) must not come up together, or both are looked up and neither covers the other
		long[] page = blockRanks("113064877866452");
		long[] app = blockRanks("1480000000000");
		long together = 0;
		for (int block = 0; block < page.length; block++) {
			if (Math.abs(page[block] - app[block]) < page.length / 20) {
				together++;
			}
		}
		assertThat(together).as("blocks within 5 %% of the lane of each other, of %d", page.length)
			.isLessThan(page.length / 5);
	}

	@Test
	void equalRangesOfOrderHoldAboutAsManyIds() {
		LookupPartition.Slice[] slices = new LookupPartition.Slice[8];
		long[] held = new long[slices.length];
		for (int part = 0; part < slices.length; part++) {
			slices[part] = new LookupPartition.Slice(part, slices.length);
		}
		for (long position = 0; position < POSITIONS; position++) {
			long order = ImportRecorder.lookupOrder("113064877866452", position);
			for (int part = 0; part < slices.length; part++) {
				if (order >= slices[part].fromOrder() && order <= slices[part].toOrder()) {
					held[part]++;
				}
			}
		}
		assertThat(LongStream.of(held).sum()).isEqualTo(POSITIONS);
		// 200 blocks over 8 slices: 25 each on average
		for (long ids : held) {
			assertThat(ids).isBetween(12L * BLOCK, 38L * BLOCK);
		}
	}

	private static long[] blockRanks(String scope) {
		int blocks = (int) (POSITIONS / BLOCK);
		Long[] firstOrders = new Long[blocks];
		for (int block = 0; block < blocks; block++) {
			firstOrders[block] = ImportRecorder.lookupOrder(scope, (long) block * BLOCK);
		}
		Long[] sorted = firstOrders.clone();
		java.util.Arrays.sort(sorted);
		long[] ranks = new long[blocks];
		for (int block = 0; block < blocks; block++) {
			ranks[block] = java.util.Arrays.binarySearch(sorted, firstOrders[block]);
		}
		return ranks;
	}
}
