package com.crosswalk.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.crosswalk.id.IdType;

/** A {@link ColumnMapping} resolved against one header: column indexes, ready to turn records into rows. */
final class BoundColumns {

	/** One wide-layout ID column with its scope column index or fixed scope. */
	record WideSlot(IdType type, String idName, int idIndex, int scopeIndex, String scopeName, String fixedScope) {
	}

	private final int width;

	private final int customerIndex;

	private final int typeIndex;

	private final int scopeIndex;

	private final int idIndex;

	private final List<WideSlot> wideSlots;

	private BoundColumns(int width, int customerIndex, int typeIndex, int scopeIndex, int idIndex,
			List<WideSlot> wideSlots) {
		this.width = width;
		this.customerIndex = customerIndex;
		this.typeIndex = typeIndex;
		this.scopeIndex = scopeIndex;
		this.idIndex = idIndex;
		this.wideSlots = wideSlots;
	}

	static BoundColumns longLayout(int width, int customer, int type, int scope, int id) {
		return new BoundColumns(width, customer, type, scope, id, null);
	}

	static BoundColumns wideLayout(int width, int customer, List<WideSlot> slots) {
		return new BoundColumns(width, customer, -1, -1, -1, List.copyOf(slots));
	}

	/** Whether a column holding an ID, a type or a scope (not the customer ID) contains a line break. */
	boolean lineBreakInIdColumns(String[] values) {
		if (wideSlots == null) {
			return hasLineBreak(values[typeIndex]) || hasLineBreak(values[scopeIndex]) || hasLineBreak(values[idIndex]);
		}
		for (WideSlot slot : wideSlots) {
			boolean inScope = slot.scopeIndex() >= 0 && hasLineBreak(values[slot.scopeIndex()]);
			if (inScope || hasLineBreak(values[slot.idIndex()])) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasLineBreak(String value) {
		return value != null && value.indexOf('\n') >= 0;
	}

	/** Number of columns in the header; every record must have exactly this many fields. */
	int width() {
		return width;
	}

	/**
	 * Turns one record's values into input rows: exactly one for the long layout; one per non-blank ID cell for
	 * the wide layout (a row whose ID cells are all blank gives none).
	 */
	void expand(SourcePosition position, ValueSource values, Collection<InputRow> out) {
		String customer = (customerIndex < 0) ? null : values.get(customerIndex);
		if (wideSlots == null) {
			out.add(InputRow.of(position, customer, values.get(typeIndex), values.get(scopeIndex),
					values.get(idIndex)));
			return;
		}
		for (WideSlot slot : wideSlots) {
			String id = values.get(slot.idIndex());
			if (id == null || id.isBlank()) {
				continue;
			}
			String scope = (slot.fixedScope() != null) ? slot.fixedScope() : values.get(slot.scopeIndex());
			out.add(InputRow.of(position, customer, slot.type().wireName(), scope, id));
		}
	}

	List<InputRow> expand(SourcePosition position, ValueSource values) {
		List<InputRow> rows = new ArrayList<>(wideSlots == null ? 1 : wideSlots.size());
		expand(position, values, rows);
		return rows;
	}

	/** Reads cell {@code index} (0-based) of the current record; null for SQL NULL. */
	@FunctionalInterface
	interface ValueSource {

		String get(int index);
	}
}
