package com.crosswalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisjointSetsTest {

	@Test
	void joinedSetsShareARootTheirSizeAndAMemberListThatComesBackToIt() {
		DisjointSets sets = new DisjointSets(2);
		for (int i = 0; i < 6; i++) {
			sets.add(i);
		}
		assertThat(sets.capacity()).as("grown past the first two").isGreaterThanOrEqualTo(6);

		int root = sets.union(sets.find(0), sets.find(1));
		root = sets.union(root, sets.find(4));

		assertThat(sets.find(4)).isEqualTo(sets.find(0)).isEqualTo(root);
		assertThat(sets.sizeOf(root)).isEqualTo(3);
		assertThat(sets.isJoinedRoot(root)).isTrue();
		assertThat(sets.isJoinedRoot(2)).as("a set of one").isFalse();
		assertThat(sets.members(root)).containsExactlyInAnyOrder(0, 1, 4);
		int walked = 0;
		int m = root;
		do {
			walked++;
			m = sets.nextMember(m);
		}
		while (m != root);
		assertThat(walked).isEqualTo(3);
	}

	@Test
	void aSeparatedSetLeavesEachMemberOnItsOwnAndReleaseGivesEveryRoot() {
		DisjointSets sets = new DisjointSets(8);
		for (int i = 0; i < 5; i++) {
			sets.add(i);
		}
		int joined = sets.union(sets.find(0), sets.find(1));
		sets.separate(sets.members(joined));
		int kept = sets.union(sets.find(2), sets.find(3));

		assertThat(sets.find(0)).isZero();
		assertThat(sets.find(1)).isEqualTo(1);
		DisjointSets.Released released = sets.release(5);
		assertThat(released.rootOf()).startsWith(0, 1, kept, kept, 4);
		assertThat(released.spare()).hasSizeGreaterThanOrEqualTo(5);
	}
}
