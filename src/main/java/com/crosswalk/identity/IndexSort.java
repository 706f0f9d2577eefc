package com.crosswalk.identity;

/**
 * Sorts an int array of indexes by a comparator over the indexes, without boxing them (a stable merge sort).
 * {@code Arrays.sort} offers comparators only for object arrays, which would cost 16 bytes per index.
 */
final class IndexSort {

	@FunctionalInterface
	interface IndexComparator {

		int compare(int a, int b);
	}

	private IndexSort() {
	}

	static void sort(int[] indexes, IndexComparator comparator) {
		if (indexes.length < 2) {
			return;
		}
		int[] buffer = new int[indexes.length];
		int[] from = indexes;
		int[] to = buffer;
		for (int width = 1; width < indexes.length; width *= 2) {
			for (int low = 0; low < indexes.length; low += 2 * width) {
				int mid = Math.min(low + width, indexes.length);
				int high = Math.min(low + 2 * width, indexes.length);
				int i = low;
				int j = mid;
				int k = low;
				while (i < mid && j < high) {
					to[k++] = (comparator.compare(from[j], from[i]) < 0) ? from[j++] : from[i++];
				}
				while (i < mid) {
					to[k++] = from[i++];
				}
				while (j < high) {
					to[k++] = from[j++];
				}
			}
			int[] swap = from;
			from = to;
			to = swap;
		}
		if (from != indexes) {
			System.arraycopy(from, 0, indexes, 0, indexes.length);
		}
	}
}
