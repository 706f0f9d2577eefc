package com.crosswalk.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Every person of a fixture and their scoped IDs, held in primitive arrays so a million persons fit in well under
 * 100 MB. Scoped IDs are stored as longs, grouped by person; an open-addressing table of entry numbers finds an ID
 * without boxing. A scope is an index into the fixture's apps followed by its Pages.
 */
final class PersonDirectory {

	private static final int EMPTY = -1;

	private final int personCount;

	/** Entries of person p are [entryStart[p], entryStart[p + 1]). */
	private final int[] entryStart;

	private final long[] ids;

	private final int[] scopes;

	private final byte[] nameBytes;

	private final int[] nameStart;

	private final byte[] ageMin;

	private final byte[] ageMax;

	private final boolean[] paymentEnabled;

	private final int[] slots;

	private final int slotMask;

	private PersonDirectory(Builder builder) {
		this.personCount = builder.personCount;
		this.entryStart = Arrays.copyOf(builder.entryStart, personCount + 1);
		this.ids = Arrays.copyOf(builder.ids, builder.entryCount);
		this.scopes = Arrays.copyOf(builder.scopes, builder.entryCount);
		this.nameBytes = Arrays.copyOf(builder.nameBytes, builder.nameLength);
		this.nameStart = Arrays.copyOf(builder.nameStart, personCount + 1);
		this.ageMin = Arrays.copyOf(builder.ageMin, personCount);
		this.ageMax = Arrays.copyOf(builder.ageMax, personCount);
		this.paymentEnabled = Arrays.copyOf(builder.paymentEnabled, personCount);
		int capacity = Integer.highestOneBit(Math.max(16, ids.length + ids.length / 3 + 1) * 2 - 1);
		this.slots = new int[capacity];
		this.slotMask = capacity - 1;
		Arrays.fill(slots, EMPTY);
		for (int entry = 0; entry < ids.length; entry++) {
			insert(entry);
		}
	}

	static Builder builder() {
		return new Builder();
	}

	int personCount() {
		return personCount;
	}

	int entryCount() {
		return ids.length;
	}

	/** The entry holding this scoped ID, or -1. */
	int entryOf(long id) {
		int slot = (int) mix(id) & slotMask;
		while (true) {
			int entry = slots[slot];
			if (entry == EMPTY) {
				return -1;
			}
			if (ids[entry] == id) {
				return entry;
			}
			slot = (slot + 1) & slotMask;
		}
	}

	long idOf(int entry) {
		return ids[entry];
	}

	int scopeOf(int entry) {
		return scopes[entry];
	}

	int personOf(int entry) {
		int index = Arrays.binarySearch(entryStart, 0, personCount + 1, entry);
		if (index >= 0) {
			// entryStart repeats only for persons without IDs, which the reader refuses; the first match is the owner
			while (index < personCount && entryStart[index + 1] == entry) {
				index++;
			}
			return index;
		}
		return -index - 2;
	}

	int firstEntry(int person) {
		return entryStart[person];
	}

	int endEntry(int person) {
		return entryStart[person + 1];
	}

	String name(int person) {
		return new String(nameBytes, nameStart[person], nameStart[person + 1] - nameStart[person],
				StandardCharsets.UTF_8);
	}

	/** Lower bound of the person's age range, or -1 when unknown. */
	int ageMin(int person) {
		return ageMin[person];
	}

	/** Upper bound of the person's age range, or -1 when open. */
	int ageMax(int person) {
		return ageMax[person];
	}

	boolean paymentEnabled(int person) {
		return paymentEnabled[person];
	}

	private void insert(int entry) {
		long id = ids[entry];
		int slot = (int) mix(id) & slotMask;
		while (slots[slot] != EMPTY) {
			if (ids[slots[slot]] == id) {
				throw new IllegalArgumentException("scoped ID " + id + " appears twice in the fixture");
			}
			slot = (slot + 1) & slotMask;
		}
		slots[slot] = entry;
	}

	/** Spreads sequential-looking IDs over the table (MurmurHash3 finaliser). */
	private static long mix(long value) {
		long h = value;
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h;
	}

	/** Collects persons one at a time; arrays grow by doubling. */
	static final class Builder {

		private int personCount;

		private int entryCount;

		private int nameLength;

		private int[] entryStart = new int[1024];

		private long[] ids = new long[1024];

		private int[] scopes = new int[1024];

		private byte[] nameBytes = new byte[16 * 1024];

		private int[] nameStart = new int[1024];

		private byte[] ageMin = new byte[1024];

		private byte[] ageMax = new byte[1024];

		private boolean[] paymentEnabled = new boolean[1024];

		private Builder() {
		}

		/** Starts a person; add their IDs with {@link #addId(int, long)} before the next person. */
		Builder startPerson(String name, int min, int max, boolean payment) {
			if (personCount + 2 > entryStart.length) {
				int size = entryStart.length * 2;
				entryStart = Arrays.copyOf(entryStart, size);
				nameStart = Arrays.copyOf(nameStart, size);
				ageMin = Arrays.copyOf(ageMin, size);
				ageMax = Arrays.copyOf(ageMax, size);
				paymentEnabled = Arrays.copyOf(paymentEnabled, size);
			}
			byte[] encoded = (name == null ? "" : name).getBytes(StandardCharsets.UTF_8);
			if (nameLength + encoded.length > nameBytes.length) {
				nameBytes = Arrays.copyOf(nameBytes, Math.max(nameBytes.length * 2, nameLength + encoded.length));
			}
			System.arraycopy(encoded, 0, nameBytes, nameLength, encoded.length);
			nameStart[personCount] = nameLength;
			nameLength += encoded.length;
			nameStart[personCount + 1] = nameLength;
			ageMin[personCount] = toAgeByte(min);
			ageMax[personCount] = toAgeByte(max);
			paymentEnabled[personCount] = payment;
			entryStart[personCount] = entryCount;
			personCount++;
			entryStart[personCount] = entryCount;
			return this;
		}

		Builder addId(int scope, long id) {
			if (personCount == 0) {
				throw new IllegalStateException("startPerson first");
			}
			if (entryCount == ids.length) {
				ids = Arrays.copyOf(ids, ids.length * 2);
				scopes = Arrays.copyOf(scopes, scopes.length * 2);
			}
			ids[entryCount] = id;
			scopes[entryCount] = scope;
			entryCount++;
			entryStart[personCount] = entryCount;
			return this;
		}

		int idsOfCurrentPerson() {
			return personCount == 0 ? 0 : entryCount - entryStart[personCount - 1];
		}

		PersonDirectory build() {
			return new PersonDirectory(this);
		}

		private static byte toAgeByte(int age) {
			if (age < 0) {
				return -1;
			}
			if (age > Byte.MAX_VALUE) {
				throw new IllegalArgumentException("age out of range: " + age);
			}
			return (byte) age;
		}
	}
}
