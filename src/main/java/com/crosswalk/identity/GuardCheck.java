package com.crosswalk.identity;

import java.util.Arrays;

/**
 * The {@link MergeGuards} applied to sets of identifiers: whether joining two sets (or keeping one) breaks a rule,
 * and which two identifiers clash, found again in canonical order so that a report does not depend on input order.
 * Walks only the members of the sets in question.
 */
final class GuardCheck {

	private final MergeGuards guards;

	private final IdentifierTable table;

	private final DisjointSets sets;

	/** Per kind and scope, the stamp of the last walk that met it, and the member it met. */
	private int[] scopeStamp = new int[64];

	private int[] scopeHolder = new int[64];

	private int stamp;

	GuardCheck(MergeGuards guards, IdentifierTable table, DisjointSets sets) {
		this.guards = guards;
		this.table = table;
		this.sets = sets;
	}

	/** A broken rule and, for the scope rules, the two identifiers that clash. */
	record Clash(GuardRule rule, int first, int second) {
	}

	/** Checks the union of the sets of roots {@code rootA} and {@code rootB} (the same root twice checks one). */
	Clash check(int rootA, int rootB) {
		int size = (rootA == rootB) ? sets.sizeOf(rootA) : sets.sizeOf(rootA) + sets.sizeOf(rootB);
		if (size > guards.maxIdsPerPerson()) {
			return new Clash(GuardRule.MAX_IDS_PER_PERSON, -1, -1);
		}
		if (!guards.oneAsidPerApp() && !guards.onePsidPerPage()) {
			return null;
		}
		startWalk();
		Clash clash = walk(rootA);
		if (clash == null && rootA != rootB) {
			clash = walk(rootB);
		}
		return clash;
	}

	/**
	 * Checks a customer_id link between two sets: beyond {@link #check}, the Graph API must not have answered for
	 * both sides (it would have named them together had they been one person).
	 */
	Clash checkCustomerLink(int rootA, int rootB) {
		if (guards.graphSeparatesPersons() && holdsScopedId(rootA) && holdsScopedId(rootB)) {
			return new Clash(GuardRule.GRAPH_SEPARATES_PERSONS, -1, -1);
		}
		return check(rootA, rootB);
	}

	/**
	 * The clash to report: which pair is found first depends on the order of the member lists, which depends on
	 * input order; re-found walking the members in canonical order ({@code rank}) so that reports are reproducible.
	 */
	Clash canonical(Clash found, int[] rank, int rootA, int rootB) {
		if (found.rule() != GuardRule.ONE_ASID_PER_APP && found.rule() != GuardRule.ONE_PSID_PER_PAGE) {
			return found;
		}
		int[] a = sets.members(rootA);
		int[] b = (rootA == rootB) ? new int[0] : sets.members(rootB);
		long[] byRank = new long[a.length + b.length];
		int k = 0;
		for (int m : a) {
			byRank[k++] = ((long) rank[m] << 32) | m;
		}
		for (int m : b) {
			byRank[k++] = ((long) rank[m] << 32) | m;
		}
		Arrays.sort(byRank);
		startWalk();
		for (long packed : byRank) {
			Clash clash = meet((int) packed);
			if (clash != null) {
				return clash;
			}
		}
		return found;
	}

	/** The clash in words, naming its two identifiers in order. */
	String describe(Clash clash) {
		Identifier x = table.get(clash.first());
		Identifier y = table.get(clash.second());
		Identifier a = (x.compareTo(y) <= 0) ? x : y;
		Identifier b = (a == x) ? y : x;
		return clash.rule() == GuardRule.ONE_ASID_PER_APP
				? a + " and " + b + " are two ASIDs of app " + a.scopeId() + "; one person has one ASID per app"
				: a + " and " + b + " are two PSIDs of Page " + a.scopeId() + "; one person has one PSID per Page";
	}

	private void startWalk() {
		if (scopeStamp.length < table.scopeCount()) {
			scopeStamp = Arrays.copyOf(scopeStamp, table.scopeCount() * 2);
			scopeHolder = Arrays.copyOf(scopeHolder, table.scopeCount() * 2);
		}
		stamp++;
	}

	private Clash walk(int root) {
		int m = root;
		do {
			Clash clash = meet(m);
			if (clash != null) {
				return clash;
			}
			m = sets.nextMember(m);
		}
		while (m != root);
		return null;
	}

	/** Notes member {@code m}'s scope in this walk; a clash if a guarded scope was met before. */
	private Clash meet(int m) {
		if (table.isCustomer(m)) {
			return null;
		}
		int ks = table.kindScope(m);
		boolean asid = table.kindOfScope(ks) == IdentifierTable.ASID;
		if (!(asid ? guards.oneAsidPerApp() : guards.onePsidPerPage())) {
			return null;
		}
		if (scopeStamp[ks] == stamp) {
			return new Clash(asid ? GuardRule.ONE_ASID_PER_APP : GuardRule.ONE_PSID_PER_PAGE, scopeHolder[ks], m);
		}
		scopeStamp[ks] = stamp;
		scopeHolder[ks] = m;
		return null;
	}

	/** Whether the set holds a PSID or ASID (which Graph answered for), not only customer keys. */
	private boolean holdsScopedId(int root) {
		int m = root;
		do {
			if (!table.isCustomer(m)) {
				return true;
			}
			m = sets.nextMember(m);
		}
		while (m != root);
		return false;
	}
}
