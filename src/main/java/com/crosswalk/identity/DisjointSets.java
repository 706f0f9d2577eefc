package com.crosswalk.identity;

import java.util.Arrays;

/**
 * Union-find over identifier indexes (path halving, union by size) whose sets also keep their members as a circular
 * list, so that a guard walks the two sets a link would join and nothing else. Int arrays only: two ints an index.
 */
final class DisjointSets {

	/** Parent index, or for a root the negated size of its set. */
	private int[] parent;

	/** Next member in the set's circular list. */
	private int[] next;

	DisjointSets(int capacity) {
		this.parent = new int[capacity];
		this.next = new int[capacity];
	}

	/** Room for indexes below this without growing. */
	int capacity() {
		return parent.length;
	}

	/** Makes index {@code i}, the next one, a set of its own, growing the arrays when they are full. */
	void add(int i) {
		if (i == parent.length) {
			int grown = i + (i >> 1) + 1;
			parent = Arrays.copyOf(parent, grown);
			next = Arrays.copyOf(next, grown);
		}
		parent[i] = -1;
		next[i] = i;
	}

	int find(int x) {
		while (parent[x] >= 0) {
			int p = parent[x];
			int grandparent = parent[p];
			if (grandparent < 0) {
				return p;
			}
			parent[x] = grandparent;
			x = grandparent;
		}
		return x;
	}

	/** Joins two roots; returns the new root. */
	int union(int a, int b) {
		if (a == b) {
			return a;
		}
		if (parent[a] > parent[b]) {
			int t = a;
			a = b;
			b = t;
		}
		parent[a] += parent[b];
		parent[b] = a;
		int t = next[a];
		next[a] = next[b];
		next[b] = t;
		return a;
	}

	int sizeOf(int root) {
		return -parent[root];
	}

	/** Whether {@code i} is the root of a set of more than one member. */
	boolean isJoinedRoot(int i) {
		return parent[i] < -1;
	}

	/** The member after {@code m} in its set's circular list: walking from a root comes back to it. */
	int nextMember(int m) {
		return next[m];
	}

	int[] members(int root) {
		int[] members = new int[sizeOf(root)];
		int m = root;
		int k = 0;
		do {
			members[k++] = m;
			m = next[m];
		}
		while (m != root);
		return members;
	}

	/** Takes a whole set apart: each of its members a set of its own again. */
	void separate(int[] members) {
		for (int m : members) {
			parent[m] = -1;
			next[m] = m;
		}
	}

	/**
	 * Ends the sets: the root of each of the first {@code n} indexes, written over the member lists, and the parent
	 * array as spare room. The clustering's last phase needs two arrays this size just when these are free.
	 */
	Released release(int n) {
		int[] rootOf = next;
		for (int i = 0; i < n; i++) {
			rootOf[i] = find(i);
		}
		Released released = new Released(rootOf, parent);
		parent = null;
		next = null;
		return released;
	}

	/** What {@link #release} hands over. */
	record Released(int[] rootOf, int[] spare) {
	}
}
