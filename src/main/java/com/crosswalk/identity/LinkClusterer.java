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
import java.util.TreeMap;

/**
 * Groups identifiers into persons: connected components over Graph and customer_id links, with stable person
 * keys and over-merge guards.
 * <ol>
 * <li>Graph links are joined first. A Graph component that breaks a {@link MergeGuards} rule is not merged: its
 * identifiers fall back to their previous persons (or stand alone), and a {@link GuardViolation} is reported.</li>
 * <li>customer_id links are then applied one by one in canonical order (so the outcome never depends on input
 * order), each only if the joined person still passes the guards; a refused link is reported.</li>
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

	/** Previous key index of each identifier, -1 for none. */
	private int[] keyOf;

	private final StringTable keys = new StringTable(1024);

	private Instant[] keyCreatedAt = new Instant[1024];

	/** (identifier, key) pairs of previous assignments, resolved once all key ages are known. */
	private long[] assignments = new long[1024];

	private int assignmentCount;

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
		this.keyOf = new int[capacity];
	}

	/** Registers an identifier that may have no links (it becomes a person of its own). */
	public void addIdentifier(Identifier id) {
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
		Objects.requireNonNull(personKey, "personKey");
		Objects.requireNonNull(keyCreatedAt, "keyCreatedAt");
		int i = index(id);
		int before = keys.size();
		int key = keys.intern(personKey);
		if (key == before) {
			if (key == this.keyCreatedAt.length) {
				this.keyCreatedAt = Arrays.copyOf(this.keyCreatedAt, key * 2);
			}
			this.keyCreatedAt[key] = keyCreatedAt;
		}
		else if (keyCreatedAt.isBefore(this.keyCreatedAt[key])) {
			this.keyCreatedAt[key] = keyCreatedAt;
		}
		// which key an identifier keeps is decided in cluster(), once every key's age is final
		if (assignmentCount == assignments.length) {
			assignments = Arrays.copyOf(assignments, assignmentCount * 2);
		}
		assignments[assignmentCount++] = ((long) i << 32) | key;
	}

	private void resolvePreviousKeys() {
		for (int k = 0; k < assignmentCount; k++) {
			int i = (int) (assignments[k] >>> 32);
			int key = (int) assignments[k];
			if (keyOf[i] < 0 || compareKeyAge(key, keyOf[i]) < 0) {
				keyOf[i] = key;
			}
		}
		assignments = null;
	}

	/** Runs the clustering. The clusterer cannot be used afterwards. */
	public ClusteringResult cluster() {
		checkOpen();
		clustered = true;
		int n = table.size();
		resolvePreviousKeys();
		int[] order = table.canonicalOrder();
		int[] rank = new int[n];
		for (int r = 0; r < n; r++) {
			rank[order[r]] = r;
		}
		List<GuardViolation> violations = new ArrayList<>();
		int graphRefused = enforceGraphGuards(rank, violations);
		BitSet customerJoined = new BitSet();
		int customerRefused = applyCustomerLinks(order, rank, customerJoined, violations);
		return new Finisher(n, order, rank, customerJoined, violations, graphRefused, customerRefused).finish();
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
				keyOf = Arrays.copyOf(keyOf, grown);
			}
			parent[i] = -1;
			next[i] = i;
			keyOf[i] = -1;
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

	/** Older first; equally old keys by their text, so the smallest key wins a tie. */
	private int compareKeyAge(int a, int b) {
		int c = keyCreatedAt[a].compareTo(keyCreatedAt[b]);
		return (c != 0) ? c : keys.get(a).compareTo(keys.get(b));
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

	private int applyCustomerLinks(int[] order, int[] rank, BitSet customerJoined, List<GuardViolation> violations) {
		long[] sorted = new long[customerLinkCount];
		for (int k = 0; k < customerLinkCount; k++) {
			int a = rank[(int) (customerLinks[k] >>> 32)];
			int b = rank[(int) customerLinks[k]];
			sorted[k] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
		}
		customerLinks = null;
		Arrays.sort(sorted);
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

	private GuardViolation customerViolation(int a, int b, int rootA, int rootB, Clash clash) {
		Set<Integer> involved = new HashSet<>(List.of(a, b));
		if (clash.first() >= 0) {
			involved.add(clash.first());
			involved.add(clash.second());
		}
		List<Identifier> listed = sortedIdentifiers(involved.stream().mapToInt(Integer::intValue).toArray(), MAX_LISTED);
		String link = "customer_id link " + table.get(a) + " — " + table.get(b) + " not merged: ";
		String detail = (clash.rule() == GuardRule.MAX_IDS_PER_PERSON)
				? link + "the person would hold " + (sizeOf(rootA) + sizeOf(rootB)) + " identifiers (limit "
						+ guards.maxIdsPerPerson() + ")"
				: link + describeClash(clash);
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

	/** Turns the final union-find state into persons with keys, events and stats. */
	private final class Finisher {

		private final int n;

		private final int[] order;

		/** Component ordinal of each identifier; components are numbered in the order of their anchors. */
		private final int[] componentOf;

		private final int[] anchorOf;

		private final int components;

		private final boolean[] customerJoined;

		private final List<GuardViolation> violations;

		private final int graphRefused;

		private final int customerRefused;

		/** Previous key index kept by each component, -1 when it gets a new key. */
		private int[] componentKey;

		private long[] newCode;

		private final List<MergeEvent> merges = new ArrayList<>();

		private final List<SplitEvent> splits = new ArrayList<>();

		/** Previous keys whose identifiers partly moved to another person: (key, component, count). */
		private List<long[]> pendingSplits = List.of();

		/** Smallest identifier holding a given (key, component), packed by {@link #pack}. */
		private Map<Long, int[]> witnesses = Map.of();

		/** Up to three customer identifiers of each component that needs evidence. */
		private Map<Integer, List<Integer>> customersOf = Map.of();

		Finisher(int n, int[] order, int[] rank, BitSet customerJoinedRoots, List<GuardViolation> violations,
				int graphRefused, int customerRefused) {
			this.n = n;
			this.order = order;
			this.violations = violations;
			this.graphRefused = graphRefused;
			this.customerRefused = customerRefused;
			// member lists and ranks are no longer needed: reuse their arrays for roots and root ordinals
			int[] rootOf = next;
			for (int i = 0; i < n; i++) {
				rootOf[i] = find(i);
			}
			int[] ordinalOfRoot = rank;
			Arrays.fill(ordinalOfRoot, -1);
			int count = 0;
			int[] anchors = new int[Math.max(1, n)];
			for (int r = 0; r < n; r++) {
				int root = rootOf[order[r]];
				if (ordinalOfRoot[root] < 0) {
					ordinalOfRoot[root] = count;
					anchors[count++] = order[r];
				}
			}
			this.components = count;
			this.anchorOf = Arrays.copyOf(anchors, count);
			this.customerJoined = new boolean[count];
			for (int root = customerJoinedRoots.nextSetBit(0); root >= 0; root = customerJoinedRoots.nextSetBit(root + 1)) {
				if (ordinalOfRoot[root] >= 0) {
					customerJoined[ordinalOfRoot[root]] = true;
				}
			}
			int[] component = parent;
			for (int i = 0; i < n; i++) {
				component[i] = ordinalOfRoot[rootOf[i]];
			}
			this.componentOf = component;
			parent = null;
			next = null;
		}

		ClusteringResult finish() {
			componentKey = new int[components];
			Arrays.fill(componentKey, -1);
			if (keys.size() > 0) {
				assignPreviousKeys();
			}
			mintNewKeys();
			String[] keyText = new String[components];
			for (int c = 0; c < components; c++) {
				keyText[c] = (componentKey[c] >= 0) ? keys.get(componentKey[c]) : PersonKeys.format(newCode[c]);
			}
			merges.sort(Comparator.comparing(MergeEvent::toKey).thenComparing(MergeEvent::fromKey));
			splits.sort(Comparator.comparing(SplitEvent::fromKey).thenComparing(SplitEvent::toKey));
			return new ClusteringResult(table, order, componentOf, components, keyText, componentKey, keys, keyOf,
					List.copyOf(merges), List.copyOf(splits), List.copyOf(violations), stats());
		}

		private void assignPreviousKeys() {
			int keyCount = keys.size();
			Integer[] byAge = new Integer[keyCount];
			for (int k = 0; k < keyCount; k++) {
				byAge[k] = k;
			}
			Arrays.sort(byAge, LinkClusterer.this::compareKeyAge);
			int[] ageRank = new int[keyCount];
			for (int r = 0; r < keyCount; r++) {
				ageRank[byAge[r]] = r;
			}
			int keyed = 0;
			for (int i = 0; i < n; i++) {
				if (keyOf[i] >= 0) {
					keyed++;
				}
			}
			long[] claims = new long[keyed];
			int k = 0;
			for (int i = 0; i < n; i++) {
				if (keyOf[i] >= 0) {
					claims[k++] = ((long) ageRank[keyOf[i]] << 32) | componentOf[i];
				}
			}
			Arrays.sort(claims);
			// one claim per (key, component): the key and how many of its identifiers the component holds
			List<int[]> group = new ArrayList<>();
			Map<Long, int[]> witnesses = new HashMap<>();
			List<long[]> pendingSplits = new ArrayList<>();
			List<long[]> pendingMerges = new ArrayList<>();
			for (int start = 0; start < claims.length;) {
				int age = (int) (claims[start] >>> 32);
				group.clear();
				int end = start;
				while (end < claims.length && (int) (claims[end] >>> 32) == age) {
					int comp = (int) claims[end];
					int run = end;
					while (run < claims.length && claims[run] == claims[end]) {
						run++;
					}
					group.add(new int[] { comp, run - end });
					end = run;
				}
				start = end;
				int key = byAge[age];
				group.sort((x, y) -> (x[1] != y[1]) ? Integer.compare(y[1], x[1]) : Integer.compare(x[0], y[0]));
				int winner = -1;
				for (int[] claim : group) {
					if (componentKey[claim[0]] < 0) {
						componentKey[claim[0]] = key;
						winner = claim[0];
						break;
					}
				}
				int mergedInto = (winner < 0) ? group.get(0)[0] : -1;
				if (mergedInto >= 0) {
					pendingMerges.add(new long[] { key, mergedInto });
					witnesses.put(pack(key, mergedInto), null);
					witnesses.put(pack(componentKey[mergedInto], mergedInto), null);
				}
				for (int[] claim : group) {
					if (claim[0] != winner && claim[0] != mergedInto) {
						pendingSplits.add(new long[] { key, claim[0], claim[1] });
						witnesses.put(pack(key, claim[0]), null);
					}
				}
			}
			findWitnesses(witnesses);
			for (long[] merge : pendingMerges) {
				int key = (int) merge[0];
				int comp = (int) merge[1];
				merges.add(new MergeEvent(keys.get(key), keys.get(componentKey[comp]),
						customerJoined[comp] ? LinkKind.CUSTOMER : LinkKind.GRAPH,
						evidence(witnesses.get(pack(key, comp)), witnesses.get(pack(componentKey[comp], comp)))));
			}
			this.pendingSplits = pendingSplits;
			this.witnesses = witnesses;
		}

		private long pack(int key, int comp) {
			return ((long) key << 32) | comp;
		}

		/** For each wanted (key, component): its smallest identifier with that key; customers of the component. */
		private void findWitnesses(Map<Long, int[]> wanted) {
			if (wanted.isEmpty()) {
				return;
			}
			Set<Integer> comps = new HashSet<>();
			for (long packed : wanted.keySet()) {
				comps.add((int) packed);
			}
			Map<Integer, List<Integer>> customers = new HashMap<>();
			for (int r = 0; r < n; r++) {
				int i = order[r];
				int comp = componentOf[i];
				if (!comps.contains(comp)) {
					continue;
				}
				if (keyOf[i] >= 0) {
					long packed = pack(keyOf[i], comp);
					if (wanted.containsKey(packed) && wanted.get(packed) == null) {
						wanted.put(packed, new int[] { i });
					}
				}
				if (table.isCustomer(i)) {
					List<Integer> list = customers.computeIfAbsent(comp, c -> new ArrayList<>());
					if (list.size() < 3) {
						list.add(i);
					}
				}
			}
			this.customersOf = customers;
		}

		private String evidence(int[] from, int[] to) {
			if (from == null || to == null) {
				return "";
			}
			Identifier a = table.get(from[0]);
			Identifier b = table.get(to[0]);
			int comp = componentOf[from[0]];
			String text = a + " (was " + keys.get(keyOf[from[0]]) + ") and " + b + " (was " + keys.get(keyOf[to[0]])
					+ ") are now one person";
			if (customerJoined[comp]) {
				List<Integer> customers = customersOf.getOrDefault(comp, List.of());
				if (!customers.isEmpty()) {
					List<String> names = customers.stream().map(c -> table.get(c).toString()).toList();
					text += "; joined through " + String.join(", ", names);
				}
			}
			return text;
		}

		private void mintNewKeys() {
			newCode = new long[components];
			PersonKeys personKeys = new PersonKeys();
			mint(personKeys, null);
			if (hasDuplicateNewCodes()) {
				// two anchors with the same 64-bit hash: astronomically rare; redo in anchor order with an exact set
				mint(personKeys, new HashSet<>());
			}
			for (long[] split : pendingSplits) {
				int key = (int) split[0];
				int comp = (int) split[1];
				int[] witness = witnesses.get(pack(key, comp));
				String toKey = (componentKey[comp] >= 0) ? keys.get(componentKey[comp]) : PersonKeys.format(newCode[comp]);
				splits.add(new SplitEvent(keys.get(key), toKey, (int) split[2],
						(witness == null) ? null : table.get(witness[0]).toString()));
			}
		}

		private void mint(PersonKeys personKeys, Set<Long> taken) {
			boolean checkExisting = keys.size() > 0;
			for (int c = 0; c < components; c++) {
				if (componentKey[c] >= 0) {
					continue;
				}
				String anchor = table.get(anchorOf[c]).canonical();
				for (int attempt = 0;; attempt++) {
					long code = personKeys.code(anchor, attempt);
					if (checkExisting && keys.indexOf(PersonKeys.format(code)) >= 0) {
						continue;
					}
					if (taken != null && !taken.add(code)) {
						continue;
					}
					newCode[c] = code;
					break;
				}
			}
		}

		private boolean hasDuplicateNewCodes() {
			long[] codes = new long[components];
			int k = 0;
			for (int c = 0; c < components; c++) {
				if (componentKey[c] < 0) {
					codes[k++] = newCode[c];
				}
			}
			Arrays.sort(codes, 0, k);
			for (int i = 1; i < k; i++) {
				if (codes[i] == codes[i - 1]) {
					return true;
				}
			}
			return false;
		}

		private ClusteringStats stats() {
			int[] sizes = new int[components];
			for (int i = 0; i < n; i++) {
				sizes[componentOf[i]]++;
			}
			TreeMap<Integer, Integer> histogram = new TreeMap<>();
			int newPersons = 0;
			for (int c = 0; c < components; c++) {
				histogram.merge(sizes[c], 1, Integer::sum);
				if (componentKey[c] < 0) {
					newPersons++;
				}
			}
			return new ClusteringStats(n, components, newPersons, components - newPersons, graphLinkCount,
					customerLinkCount, graphRefused, customerRefused, merges.size(), splits.size(), histogram);
		}
	}
}
