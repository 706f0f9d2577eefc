package com.crosswalk.identity;

import java.util.Arrays;

/**
 * Interns identifiers to dense int indexes without keeping an object per identifier: a PSID or ASID is stored as
 * (kind-and-scope index, 64-bit value), a customer as (customer marker, index of its text). About 17 bytes per
 * identifier, which is what lets millions of them be clustered in a small heap.
 */
final class IdentifierTable {

	static final byte ASID = 0;

	static final byte CUSTOMER = 1;

	static final byte PSID = 2;

	private static final int CUSTOMER_SCOPE = 0;

	/** "kind:scope" of each kind-and-scope; few entries (one per Page, one per app, one for customers). */
	private final StringTable scopes = new StringTable(64);

	private byte[] scopeKind = new byte[64];

	private String[] scopeIds = new String[64];

	private final StringTable customers;

	private byte lastKind = -1;

	private String lastScopeId;

	private int lastScope;

	private int[] kindScope;

	private long[] value;

	private int size;

	private int[] slots;

	IdentifierTable(int expected) {
		int capacity = Math.max(16, expected);
		this.kindScope = new int[capacity];
		this.value = new long[capacity];
		this.slots = new int[OpenAddressing.slotsFor(capacity)];
		this.customers = new StringTable(Math.max(16, expected / 4));
		internScope(CUSTOMER, "");
	}

	int size() {
		return size;
	}

	int intern(Identifier id) {
		int ks = internScope(kindCode(id.kind()), id.scopeId());
		long v = id.isCustomer() ? customers.intern(id.value()) : Long.parseLong(id.value());
		int mask = slots.length - 1;
		int slot = hash(ks, v) & mask;
		for (;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				break;
			}
			if (kindScope[entry - 1] == ks && value[entry - 1] == v) {
				return entry - 1;
			}
		}
		if (size == kindScope.length) {
			int grown = size + (size >> 1) + 1;
			kindScope = Arrays.copyOf(kindScope, grown);
			value = Arrays.copyOf(value, grown);
		}
		kindScope[size] = ks;
		value[size] = v;
		slots[slot] = ++size;
		if (OpenAddressing.full(size, slots.length)) {
			rehash();
		}
		return size - 1;
	}

	/** The index of {@code id}, or -1 if it was never interned. */
	int indexOf(Identifier id) {
		int ks = scopes.indexOf(kindCode(id.kind()) + ":" + id.scopeId());
		if (ks < 0) {
			return -1;
		}
		long v;
		if (id.isCustomer()) {
			v = customers.indexOf(id.value());
			if (v < 0) {
				return -1;
			}
		}
		else {
			v = Long.parseLong(id.value());
		}
		int mask = slots.length - 1;
		for (int slot = hash(ks, v) & mask;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (entry == 0) {
				return -1;
			}
			if (kindScope[entry - 1] == ks && value[entry - 1] == v) {
				return entry - 1;
			}
		}
	}

	Identifier get(int index) {
		int ks = kindScope[index];
		return switch (scopeKind[ks]) {
			case ASID -> new Identifier(Identifier.ASID, scopeIds[ks], Long.toString(value[index]));
			case PSID -> new Identifier(Identifier.PSID, scopeIds[ks], Long.toString(value[index]));
			default -> new Identifier(Identifier.CUSTOMER, "", customers.get((int) value[index]));
		};
	}

	/** Kind-and-scope of an identifier: equal for two PSIDs of one Page or two ASIDs of one app. */
	int kindScope(int index) {
		return kindScope[index];
	}

	byte kindOfScope(int ks) {
		return scopeKind[ks];
	}

	String scopeIdOfScope(int ks) {
		return scopeIds[ks];
	}

	int scopeCount() {
		return scopes.size();
	}

	boolean isCustomer(int index) {
		return kindScope[index] == CUSTOMER_SCOPE;
	}

	/**
	 * All identifier indexes in {@link Identifier#compareTo canonical order}. Buckets by scope, then sorts
	 * primitives within each bucket (values are numeric there) and customer texts on their own, so no identifier
	 * objects are created.
	 */
	int[] canonicalOrder() {
		int scopeCount = scopes.size();
		Integer[] scopeOrder = new Integer[scopeCount];
		for (int i = 0; i < scopeCount; i++) {
			scopeOrder[i] = i;
		}
		Arrays.sort(scopeOrder, (a, b) -> {
			int c = Byte.compare(scopeKind[a], scopeKind[b]);
			return (c != 0) ? c : Identifier.compareShortlex(scopeIds[a], scopeIds[b]);
		});
		int[] start = new int[scopeCount];
		for (int i = 0; i < size; i++) {
			start[kindScope[i]]++;
		}
		int offset = 0;
		for (int ks : scopeOrder) {
			int count = start[ks];
			start[ks] = offset;
			offset += count;
		}
		int[] end = start.clone();
		long[] values = new long[size];
		for (int i = 0; i < size; i++) {
			values[end[kindScope[i]]++] = value[i];
		}
		int[] order = new int[size];
		for (int ks = 0; ks < scopeCount; ks++) {
			if (ks == CUSTOMER_SCOPE) {
				fillCustomers(order, start[ks], end[ks]);
				continue;
			}
			Arrays.sort(values, start[ks], end[ks]);
			for (int i = start[ks]; i < end[ks]; i++) {
				order[i] = find(ks, values[i]);
			}
		}
		return order;
	}

	private void fillCustomers(int[] order, int from, int to) {
		// sort customer ordinals by their text in place in the shared character array: no String per customer
		int[] ordinals = new int[to - from];
		for (int i = 0; i < ordinals.length; i++) {
			ordinals[i] = i;
		}
		IndexSort.sort(ordinals, customers::compareShortlex);
		for (int i = 0; i < ordinals.length; i++) {
			order[from + i] = find(CUSTOMER_SCOPE, ordinals[i]);
		}
	}

	private int find(int ks, long v) {
		int mask = slots.length - 1;
		for (int slot = hash(ks, v) & mask;; slot = (slot + 1) & mask) {
			int entry = slots[slot];
			if (kindScope[entry - 1] == ks && value[entry - 1] == v) {
				return entry - 1;
			}
		}
	}

	private int internScope(byte kind, String scopeId) {
		// consecutive identifiers mostly share a scope; skip building the lookup string for them
		if (kind == lastKind && scopeId.equals(lastScopeId)) {
			return lastScope;
		}
		int before = scopes.size();
		int ks = scopes.intern(kind + ":" + scopeId);
		if (ks == before) {
			if (ks == scopeKind.length) {
				scopeKind = Arrays.copyOf(scopeKind, ks * 2);
				scopeIds = Arrays.copyOf(scopeIds, ks * 2);
			}
			scopeKind[ks] = kind;
			scopeIds[ks] = scopeId;
		}
		lastKind = kind;
		lastScopeId = scopeId;
		lastScope = ks;
		return ks;
	}

	private static byte kindCode(String kind) {
		return switch (kind) {
			case Identifier.ASID -> ASID;
			case Identifier.PSID -> PSID;
			default -> CUSTOMER;
		};
	}

	private void rehash() {
		int[] bigger = new int[slots.length * 2];
		int mask = bigger.length - 1;
		for (int i = 0; i < size; i++) {
			int slot = hash(kindScope[i], value[i]) & mask;
			while (bigger[slot] != 0) {
				slot = (slot + 1) & mask;
			}
			bigger[slot] = i + 1;
		}
		slots = bigger;
	}

	private static int hash(int ks, long v) {
		return OpenAddressing.mix(v ^ ((long) ks << 48));
	}
}
