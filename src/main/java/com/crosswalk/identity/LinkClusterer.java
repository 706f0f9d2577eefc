package com.crosswalk.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups identifiers into persons: connected components over Graph and customer_id links, with stable person
 * keys and over-merge guards.
 * <ol>
 * <li>Graph links are joined first. A Graph component that breaks a {@link MergeGuards} rule is not merged: its
 * identifiers fall back to their previous persons (or stand alone), and a {@link GuardViolation} is reported.</li>
 * <li>customer_id links are then applied one by one, each only if the joined person still passes the guards; a
 * refused link is reported. Links into larger Graph-confirmed persons go first, then canonical order, so the
 * outcome never depends on input order.</li>
 * <li>Keys: previous keys are handed out oldest first (created-at, then smallest key); each goes to the person
 * holding most of its identifiers, if that person has no key yet. A key whose identifiers all landed in persons
 * that already got an older key is merged ({@link MergeEvent}); identifiers that moved away from a key that lives
 * on elsewhere are a {@link SplitEvent}. A person with no key gets one derived from its smallest identifier
 * ({@link PersonKeys}), so a rerun mints the same keys.</li>
 * </ol>
 * Previous assignments carry keys forward; they are not links. A person whose links are gone or refused comes
 * apart (reported as splits) instead of being held together by history.
 * <p>
 * Memory: identifiers are interned to int indexes ({@link IdentifierTable}); union-find with path halving and
 * union by size over int arrays; member lists as circular int links, so a guard check walks only the two
 * components involved. Roughly 60 bytes per identifier overall. Single use, not thread-safe.
 */
public final class LinkClusterer {

	/** Most members listed in one violation. */
	static final int MAX_LISTED = 100;

	private final MergeGuards guards;

	private final IdentifierTable table;

	/** Parent index, or for a root the negated size of its component. */
	private int[] parent;

	/** Next member in the component's circular list. */
	private int[] next;

	/** Previous key index of each identifier, -1 for none; allocated with the first previous assignment. */
	private int[] keyOf;

	private final PersonKeyTable keys = new PersonKeyTable(1024);

	/**
	 * (identifier, key) pairs for identifiers given more than one key; which one counts is decided in
	 * {@link #cluster()}, once every key's age is final. Rare, so a short list.
	 */
	private long[] keyConflicts = new long[16];

	private int keyConflictCount;

	private long[] customerLinks = new long[1024];

	private int customerLinkCount;

	private long graphLinkCount;

	private boolean clustered;

	private int[] scopeStamp = new int[64];

	private int[] scopeHolder = new int[64];

	private int stamp;

	public LinkClusterer(MergeGuards guards) {
		this(guards, 1 << 16);
	}

	/** @param expectedIdentifiers sizes the tables up front to avoid regrowing them */
	public LinkClusterer(MergeGuards guards, int expectedIdentifiers) {
		this.guards = Objects.requireNonNull(guards, "guards");
		int capacity = Math.max(16, expectedIdentifiers);
		this.table = new IdentifierTable(capacity);
		this.parent = new int[capacity];
		this.next = new int[capacity];
	}

	/** Registers an identifier that may have no links (it becomes a person of its own). */
	public void addIdentifier(Identifier id) {
		checkOpen();
		index(id);
	}

	public void addLink(Identifier a, Identifier b, LinkKind kind) {
		checkOpen();
		int x = index(a);
		int y = index(b);
		if (x == y) {
			return;
		}
		if (kind == LinkKind.GRAPH) {
			graphLinkCount++;
			union(find(x), find(y));
			return;
		}
		if (customerLinkCount == customerLinks.length) {
			customerLinks = Arrays.copyOf(customerLinks, customerLinkCount * 2);
		}
		customerLinks[customerLinkCount++] = ((long) x << 32) | y;
	}

	/**
	 * The person key {@code id} had before this run. If an identifier is given two keys, the older one counts.
	 *
	 * @param keyCreatedAt when the key was first minted; the oldest key of a merged person survives
	 */
	public void addExistingAssignment(Identifier id, String personKey, Instant keyCreatedAt) {
		checkOpen();
		Objects.requireNonNull(personKey, "personKey");
		Objects.requireNonNull(keyCreatedAt, "keyCreatedAt");
		int i = index(id);
		int key = keys.intern(personKey, keyCreatedAt);
		if (keyOf == null) {
			keyOf = new int[parent.length];
			Arrays.fill(keyOf, -1);
		}
		if (keyOf[i] < 0) {
			keyOf[i] = key;
		}
		else if (keyOf[i] != key) {
			addKeyConflict(i, keyOf[i]);
			addKeyConflict(i, key);
		}
	}

	private void addKeyConflict(int identifier, int key) {
		if (keyConflictCount == keyConflicts.length) {
			keyConflicts = Arrays.copyOf(keyConflicts, keyConflictCount * 2);
		}
		keyConflicts[keyConflictCount++] = ((long) identifier << 32) | key;
	}

	private void resolveKeyConflicts() {
		for (int k = 0; k < keyConflictCount; k++) {
			int i = (int) (keyConflicts[k] >>> 32);
			int key = (int) keyConflicts[k];
			if (keys.compareAge(key, keyOf[i]) < 0) {
				keyOf[i] = key;
			}
		}
		keyConflicts = null;
	}

	/** Runs the clustering. The clusterer cannot be used afterwards. */
	public ClusteringResult cluster() {
		checkOpen();
		clustered = true;
		int n = table.size();
		if (keyOf == null) {
			keyOf = new int[Math.max(1, n)];
			Arrays.fill(keyOf, -1);
		}
		resolveKeyConflicts();
		int[] order = table.canonicalOrder();
		int[] rank = new int[n];
		for (int r = 0; r < n; r++) {
			rank[order[r]] = r;
		}
		List<GuardViolation> violations = new ArrayList<>();
		int graphRefused = enforceGraphGuards(rank, violations);
		BitSet customerJoined = new BitSet();
		int customerRefused = applyCustomerLinks(order, rank, customerJoined, violations);
		Components components = components(order, rank, customerJoined);
		order = null;
		rank = null;
		var counts = new PersonKeyAssigner.LinkCounts(graphLinkCount, customerLinkCount, graphRefused, customerRefused);
		return new PersonKeyAssigner(table, keys, keyOf, components).assign(violations, counts);
	}

	private void checkOpen() {
		if (clustered) {
			throw new IllegalStateException("cluster() has already run; use a new LinkClusterer");
		}
	}

	private int index(Identifier id) {
		int size = table.size();
		int i = table.intern(id);
		if (i == size) {
			if (i == parent.length) {
				int grown = i + (i >> 1) + 1;
				parent = Arrays.copyOf(parent, grown);
				next = Arrays.copyOf(next, grown);
				if (keyOf != null) {
					keyOf = Arrays.copyOf(keyOf, grown);
					Arrays.fill(keyOf, i, grown, -1);
				}
			}
			parent[i] = -1;
			next[i] = i;
		}
		return i;
	}

	private int find(int x) {
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
	private int union(int a, int b) {
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

	private int sizeOf(int root) {
		return -parent[root];
	}

	// ---- guards

	/** A broken rule and, for the scope rules, the two identifiers that clash. */
	private record Clash(GuardRule rule, int first, int second) {
	}

	private int[] members(int root) {
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

	/** Checks the union of the components of {@code a} and {@code b} (the same root twice checks one). */
	private Clash check(int rootA, int rootB) {
		int size = (rootA == rootB) ? sizeOf(rootA) : sizeOf(rootA) + sizeOf(rootB);
		if (size > guards.maxIdsPerPerson()) {
			return new Clash(GuardRule.MAX_IDS_PER_PERSON, -1, -1);
		}
		if (!guards.oneAsidPerApp() && !guards.onePsidPerPage()) {
			return null;
		}
		if (scopeStamp.length < table.scopeCount()) {
			scopeStamp = Arrays.copyOf(scopeStamp, table.scopeCount() * 2);
			scopeHolder = Arrays.copyOf(scopeHolder, table.scopeCount() * 2);
		}
		stamp++;
		Clash clash = markScopes(rootA);
		if (clash == null && rootA != rootB) {
			clash = markScopes(rootB);
		}
		return clash;
	}

	private Clash markScopes(int root) {
		int m = root;
		do {
			if (!table.isCustomer(m)) {
				int ks = table.kindScope(m);
				boolean asid = table.kindOfScope(ks) == IdentifierTable.ASID;
				if (asid ? guards.oneAsidPerApp() : guards.onePsidPerPage()) {
					if (scopeStamp[ks] == stamp) {
						return new Clash(asid ? GuardRule.ONE_ASID_PER_APP : GuardRule.ONE_PSID_PER_PAGE,
								scopeHolder[ks], m);
					}
					scopeStamp[ks] = stamp;
					scopeHolder[ks] = m;
				}
			}
			m = next[m];
		}
		while (m != root);
		return null;
	}

	/**
	 * The clash to report: which pair is found first depends on the order of the member lists, which depends on
	 * input order; re-find it walking members in canonical order so that reports are reproducible.
	 */
	private Clash canonicalClash(Clash found, int[] rank, int rootA, int rootB) {
		if (found.rule() == GuardRule.MAX_IDS_PER_PERSON) {
			return found;
		}
		int[] a = members(rootA);
		int[] b = (rootA == rootB) ? new int[0] : members(rootB);
		long[] byRank = new long[a.length + b.length];
		int k = 0;
		for (int m : a) {
			byRank[k++] = ((long) rank[m] << 32) | m;
		}
		for (int m : b) {
			byRank[k++] = ((long) rank[m] << 32) | m;
		}
		Arrays.sort(byRank);
		stamp++;
		for (long packed : byRank) {
			int m = (int) packed;
			if (table.isCustomer(m)) {
				continue;
			}
			int ks = table.kindScope(m);
			boolean asid = table.kindOfScope(ks) == IdentifierTable.ASID;
			if (asid ? guards.oneAsidPerApp() : guards.onePsidPerPage()) {
				if (scopeStamp[ks] == stamp) {
					return new Clash(asid ? GuardRule.ONE_ASID_PER_APP : GuardRule.ONE_PSID_PER_PAGE, scopeHolder[ks], m);
				}
				scopeStamp[ks] = stamp;
				scopeHolder[ks] = m;
			}
		}
		return found;
	}

	private String describeClash(Clash clash) {
		Identifier x = table.get(clash.first());
		Identifier y = table.get(clash.second());
		Identifier a = (x.compareTo(y) <= 0) ? x : y;
		Identifier b = (a == x) ? y : x;
		return clash.rule() == GuardRule.ONE_ASID_PER_APP
				? a + " and " + b + " are two ASIDs of app " + a.scopeId() + "; one person has one ASID per app"
				: a + " and " + b + " are two PSIDs of Page " + a.scopeId() + "; one person has one PSID per Page";
	}

	/**
	 * Takes apart every Graph component that breaks a guard: its members go back to their previous persons,
	 * or stand alone.
	 */
	private int enforceGraphGuards(int[] rank, List<GuardViolation> violations) {
		List<int[]> broken = new ArrayList<>();
		for (int i = 0; i < table.size(); i++) {
			if (parent[i] < -1) {
				Clash clash = check(i, i);
				if (clash != null) {
					int[] members = members(i);
					broken.add(members);
					violations.add(graphViolation(members, canonicalClash(clash, rank, i, i)));
				}
			}
		}
		for (int[] members : broken) {
			for (int m : members) {
				parent[m] = -1;
				next[m] = m;
			}
			regroupByPreviousKey(members);
		}
		violations.sort(Comparator.comparing(v -> v.identifiers().get(0)));
		return broken.size();
	}

	private GuardViolation graphViolation(int[] members, Clash clash) {
		List<Identifier> listed = sortedIdentifiers(members, MAX_LISTED);
		String detail = (clash.rule() == GuardRule.MAX_IDS_PER_PERSON)
				? "Graph links join " + members.length + " identifiers into one person (limit "
						+ guards.maxIdsPerPerson() + "); kept apart"
				: "Graph links join " + describeClash(clash) + "; the " + members.length + " identifiers were kept apart";
		if (members.length > MAX_LISTED) {
			detail += " (first " + MAX_LISTED + " listed)";
		}
		return new GuardViolation(listed, clash.rule(), LinkKind.GRAPH, detail);
	}

	private void regroupByPreviousKey(int[] members) {
		Map<Integer, Integer> firstWithKey = new HashMap<>();
		for (int m : members) {
			if (keyOf[m] >= 0) {
				Integer first = firstWithKey.putIfAbsent(keyOf[m], m);
				if (first != null) {
					union(find(first), find(m));
				}
			}
		}
		for (int first : firstWithKey.values()) {
			int root = find(first);
			if (sizeOf(root) > 1 && check(root, root) != null) {
				for (int m : members(root)) {
					parent[m] = -1;
					next[m] = m;
				}
			}
		}
	}

	/**
	 * The customer links as (smaller rank, larger rank) pairs, in the order they are tried: links reaching into
	 * larger Graph-confirmed persons first (so a customer_id attaches to the person the Graph API vouches for
	 * rather than to a stray ID that would then block it), then canonical order. Both keys are independent of
	 * input order. Person sizes are at most the guard limit here, so a counting sort by size does it.
	 */
	private long[] customerLinksInApplyOrder(int[] rank) {
		int buckets = guards.maxIdsPerPerson() + 1;
		int[] weight = new int[customerLinkCount];
		int[] start = new int[buckets + 1];
		for (int k = 0; k < customerLinkCount; k++) {
			int a = (int) (customerLinks[k] >>> 32);
			int b = (int) customerLinks[k];
			int size = Math.min(Math.max(sizeOf(find(a)), sizeOf(find(b))), guards.maxIdsPerPerson());
			weight[k] = buckets - 1 - size;
			start[weight[k] + 1]++;
		}
		for (int w = 0; w < buckets; w++) {
			start[w + 1] += start[w];
		}
		int[] fill = Arrays.copyOf(start, buckets);
		long[] sorted = new long[customerLinkCount];
		for (int k = 0; k < customerLinkCount; k++) {
			int a = rank[(int) (customerLinks[k] >>> 32)];
			int b = rank[(int) customerLinks[k]];
			sorted[fill[weight[k]]++] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
		}
		customerLinks = null;
		for (int w = 0; w < buckets; w++) {
			Arrays.sort(sorted, start[w], start[w + 1]);
		}
		return sorted;
	}

	private int applyCustomerLinks(int[] order, int[] rank, BitSet customerJoined, List<GuardViolation> violations) {
		long[] sorted = customerLinksInApplyOrder(rank);
		int refused = 0;
		for (int k = 0; k < sorted.length; k++) {
			if (k > 0 && sorted[k] == sorted[k - 1]) {
				continue;
			}
			int a = order[(int) (sorted[k] >>> 32)];
			int b = order[(int) sorted[k]];
			int rootA = find(a);
			int rootB = find(b);
			if (rootA == rootB) {
				continue;
			}
			if (guards.graphSeparatesPersons() && holdsScopedId(rootA) && holdsScopedId(rootB)) {
				refused++;
				violations.add(customerViolation(a, b, rootA, rootB, new Clash(GuardRule.GRAPH_SEPARATES_PERSONS, -1, -1)));
				continue;
			}
			Clash clash = check(rootA, rootB);
			if (clash != null) {
				refused++;
				violations.add(customerViolation(a, b, rootA, rootB, canonicalClash(clash, rank, rootA, rootB)));
				continue;
			}
			int root = union(rootA, rootB);
			if (customerJoined.get(rootA) || customerJoined.get(rootB)) {
				customerJoined.clear(rootA);
				customerJoined.clear(rootB);
			}
			customerJoined.set(root);
		}
		return refused;
	}

	/** Whether the component holds a PSID or ASID (which Graph answered for), not only customer keys. */
	private boolean holdsScopedId(int root) {
		int m = root;
		do {
			if (!table.isCustomer(m)) {
				return true;
			}
			m = next[m];
		}
		while (m != root);
		return false;
	}

	private GuardViolation customerViolation(int a, int b, int rootA, int rootB, Clash clash) {
		Set<Integer> involved = new HashSet<>(List.of(a, b));
		if (clash.first() >= 0) {
			involved.add(clash.first());
			involved.add(clash.second());
		}
		List<Identifier> listed = sortedIdentifiers(involved.stream().mapToInt(Integer::intValue).toArray(), MAX_LISTED);
		String link = "customer_id link " + table.get(a) + " — " + table.get(b) + " not merged: ";
		String detail = switch (clash.rule()) {
			case MAX_IDS_PER_PERSON -> link + "the person would hold " + (sizeOf(rootA) + sizeOf(rootB))
					+ " identifiers (limit " + guards.maxIdsPerPerson() + ")";
			case GRAPH_SEPARATES_PERSONS -> link + "the Graph API answered for both sides and lists them as different"
					+ " people (a shared or recycled customer_id?)";
			default -> link + describeClash(clash);
		};
		return new GuardViolation(listed, clash.rule(), LinkKind.CUSTOMER, detail);
	}

	private List<Identifier> sortedIdentifiers(int[] indexes, int limit) {
		List<Identifier> ids = new ArrayList<>(indexes.length);
		for (int i : indexes) {
			ids.add(table.get(i));
		}
		ids.sort(null);
		return (ids.size() > limit) ? List.copyOf(ids.subList(0, limit)) : ids;
	}

	/**
	 * Numbers the final components in anchor order and groups their members. The member-list and rank arrays are
	 * no longer needed at this point, so their memory is reused.
	 */
	private Components components(int[] order, int[] rank, BitSet customerJoinedRoots) {
		int n = table.size();
		int[] rootOf = next;
		for (int i = 0; i < n; i++) {
			rootOf[i] = find(i);
		}
		int[] ordinalOfRoot = rank;
		Arrays.fill(ordinalOfRoot, -1);
		int count = 0;
		for (int r = 0; r < n; r++) {
			int root = rootOf[order[r]];
			if (ordinalOfRoot[root] < 0) {
				ordinalOfRoot[root] = count++;
			}
		}
		boolean[] customerJoined = new boolean[count];
		for (int root = customerJoinedRoots.nextSetBit(0); root >= 0; root = customerJoinedRoots.nextSetBit(root + 1)) {
			if (ordinalOfRoot[root] >= 0) {
				customerJoined[ordinalOfRoot[root]] = true;
			}
		}
		int[] componentOf = parent;
		for (int i = 0; i < n; i++) {
			componentOf[i] = ordinalOfRoot[rootOf[i]];
		}
		int[] memberStart = new int[count + 1];
		for (int i = 0; i < n; i++) {
			memberStart[componentOf[i] + 1]++;
		}
		for (int c = 0; c < count; c++) {
			memberStart[c + 1] += memberStart[c];
		}
		int[] fill = Arrays.copyOf(memberStart, count);
		int[] members = rootOf;
		int[] anchorOf = new int[count];
		for (int r = 0; r < n; r++) {
			int i = order[r];
			int c = componentOf[i];
			if (fill[c] == memberStart[c]) {
				anchorOf[c] = i;
			}
			members[fill[c]++] = i;
		}
		parent = null;
		next = null;
		return new Components(count, componentOf, anchorOf, members, memberStart, customerJoined);
	}
}
