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
 * Memory: identifiers are interned to int indexes ({@link IdentifierTable}), joined in {@link DisjointSets}, whose
 * member lists let a {@link GuardCheck} walk only the two components involved. Roughly 60 bytes per identifier
 * overall. Single use, not thread-safe.
 */
public final class LinkClusterer {

	/** Most members listed in one violation. */
	static final int MAX_LISTED = 100;

	private final MergeGuards guards;

	private final IdentifierTable table;

	private final DisjointSets sets;

	private final GuardCheck guardCheck;

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

	public LinkClusterer(MergeGuards guards) {
		this(guards, 1 << 16);
	}

	/** @param expectedIdentifiers sizes the tables up front to avoid regrowing them */
	public LinkClusterer(MergeGuards guards, int expectedIdentifiers) {
		this.guards = Objects.requireNonNull(guards, "guards");
		int capacity = Math.max(16, expectedIdentifiers);
		this.table = new IdentifierTable(capacity);
		this.sets = new DisjointSets(capacity);
		this.guardCheck = new GuardCheck(guards, table, sets);
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
			sets.union(sets.find(x), sets.find(y));
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
			keyOf = new int[sets.capacity()];
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
			sets.add(i);
			if (keyOf != null && keyOf.length < sets.capacity()) {
				int known = keyOf.length;
				keyOf = Arrays.copyOf(keyOf, sets.capacity());
				Arrays.fill(keyOf, known, keyOf.length, -1);
			}
		}
		return i;
	}

	// ---- guards

	/**
	 * Takes apart every Graph component that breaks a guard: its members go back to their previous persons,
	 * or stand alone.
	 */
	private int enforceGraphGuards(int[] rank, List<GuardViolation> violations) {
		List<int[]> broken = new ArrayList<>();
		for (int i = 0; i < table.size(); i++) {
			if (sets.isJoinedRoot(i)) {
				GuardCheck.Clash clash = guardCheck.check(i, i);
				if (clash != null) {
					int[] members = sets.members(i);
					broken.add(members);
					violations.add(graphViolation(members, guardCheck.canonical(clash, rank, i, i)));
				}
			}
		}
		for (int[] members : broken) {
			sets.separate(members);
			regroupByPreviousKey(members);
		}
		violations.sort(Comparator.comparing(v -> v.identifiers().get(0)));
		return broken.size();
	}

	private GuardViolation graphViolation(int[] members, GuardCheck.Clash clash) {
		List<Identifier> listed = sortedIdentifiers(members, MAX_LISTED);
		String detail = (clash.rule() == GuardRule.MAX_IDS_PER_PERSON)
				? "Graph links join " + members.length + " identifiers into one person (limit "
						+ guards.maxIdsPerPerson() + "); kept apart"
				: "Graph links join " + guardCheck.describe(clash) + "; the " + members.length + " identifiers were kept apart";
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
					sets.union(sets.find(first), sets.find(m));
				}
			}
		}
		for (int first : firstWithKey.values()) {
			int root = sets.find(first);
			if (sets.sizeOf(root) > 1 && guardCheck.check(root, root) != null) {
				sets.separate(sets.members(root));
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
			int size = Math.min(Math.max(sets.sizeOf(sets.find(a)), sets.sizeOf(sets.find(b))),
					guards.maxIdsPerPerson());
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
			int rootA = sets.find(a);
			int rootB = sets.find(b);
			if (rootA == rootB) {
				continue;
			}
			GuardCheck.Clash clash = guardCheck.checkCustomerLink(rootA, rootB);
			if (clash != null) {
				refused++;
				violations.add(customerViolation(a, b, rootA, rootB, guardCheck.canonical(clash, rank, rootA, rootB)));
				continue;
			}
			int root = sets.union(rootA, rootB);
			if (customerJoined.get(rootA) || customerJoined.get(rootB)) {
				customerJoined.clear(rootA);
				customerJoined.clear(rootB);
			}
			customerJoined.set(root);
		}
		return refused;
	}

	private GuardViolation customerViolation(int a, int b, int rootA, int rootB, GuardCheck.Clash clash) {
		Set<Integer> involved = new HashSet<>(List.of(a, b));
		if (clash.first() >= 0) {
			involved.add(clash.first());
			involved.add(clash.second());
		}
		List<Identifier> listed = sortedIdentifiers(involved.stream().mapToInt(Integer::intValue).toArray(), MAX_LISTED);
		String link = "customer_id link " + table.get(a) + " — " + table.get(b) + " not merged: ";
		String detail = switch (clash.rule()) {
			case MAX_IDS_PER_PERSON -> link + "the person would hold " + (sets.sizeOf(rootA) + sets.sizeOf(rootB))
					+ " identifiers (limit " + guards.maxIdsPerPerson() + ")";
			case GRAPH_SEPARATES_PERSONS -> link + "the Graph API answered for both sides and lists them as different"
					+ " people (a shared or recycled customer_id?)";
			default -> link + guardCheck.describe(clash);
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
	 * Numbers the final components in anchor order and groups their members. The sets' and the rank's arrays are
	 * no longer needed at this point, so their memory is reused.
	 */
	private Components components(int[] order, int[] rank, BitSet customerJoinedRoots) {
		int n = table.size();
		DisjointSets.Released released = sets.release(n);
		int[] rootOf = released.rootOf();
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
		int[] componentOf = released.spare();
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
		return new Components(count, componentOf, anchorOf, members, memberStart, customerJoined);
	}
}
