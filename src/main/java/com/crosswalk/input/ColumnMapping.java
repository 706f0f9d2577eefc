package com.crosswalk.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.crosswalk.id.IdType;

/**
 * Which input columns hold what. Two layouts (see docs/input-formats.md):
 * <ul>
 * <li>{@link Layout#LONG} (canonical): one ID per row, columns {@code customer_id} (optional), {@code id_type},
 * {@code scope_id}, {@code scoped_id}.</li>
 * <li>{@link Layout#WIDE}: one customer per row, e.g. {@code customer_id, psid, page_id, asid, app_id}; each
 * configured column pair also picks up numbered siblings ({@code psid_2, page_id_2}, ...), and a column may be
 * tied to one fixed Page or app instead of a scope column. A wide row becomes 0..n input rows.</li>
 * </ul>
 * Column names match case-insensitively, in any order, ignoring surrounding spaces; spaces and hyphens count as
 * underscores ({@code "Customer ID"} matches {@code customer_id}). Other columns are ignored.
 */
public final class ColumnMapping {

	public enum Layout {
		LONG, WIDE
	}

	/**
	 * A wide-layout column holding one kind of scoped ID, with either the column holding its Page/app ID or a
	 * fixed Page/app ID.
	 */
	public record WideIdColumns(IdType type, String idColumn, String scopeColumn, String fixedScopeId) {

		public WideIdColumns {
			Objects.requireNonNull(type, "type");
			idColumn = normalize(Objects.requireNonNull(idColumn, "idColumn"));
			scopeColumn = (scopeColumn == null) ? null : normalize(scopeColumn);
			if ((scopeColumn == null) == (fixedScopeId == null)) {
				throw new IllegalArgumentException(
						"column " + idColumn + " needs exactly one of a scope column or a fixed scope id");
			}
		}

		String scopeLabel() {
			return type == IdType.PSID ? "page" : "app";
		}
	}

	public static final String CUSTOMER_ID = "customer_id";

	public static final String ID_TYPE = "id_type";

	public static final String SCOPE_ID = "scope_id";

	public static final String SCOPED_ID = "scoped_id";

	private final Layout layout;

	private final String customerIdColumn;

	private final String idTypeColumn;

	private final String scopeIdColumn;

	private final String scopedIdColumn;

	private final List<WideIdColumns> wideColumns;

	private ColumnMapping(Builder builder) {
		this.layout = builder.layout;
		this.customerIdColumn = builder.customerIdColumn;
		this.idTypeColumn = builder.idTypeColumn;
		this.scopeIdColumn = builder.scopeIdColumn;
		this.scopedIdColumn = builder.scopedIdColumn;
		this.wideColumns = List.copyOf(builder.wideColumns);
	}

	/** The canonical long layout with the standard column names. */
	public static ColumnMapping canonical() {
		return builder().build();
	}

	/** The wide layout with the conventional columns {@code psid, page_id, asid, app_id} (and their siblings). */
	public static ColumnMapping conventionalWide() {
		return builder().wide().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Layout layout() {
		return layout;
	}

	public String customerIdColumn() {
		return customerIdColumn;
	}

	public List<WideIdColumns> wideColumns() {
		return wideColumns;
	}

	/** Lower-cases and trims a column name; spaces and hyphens become underscores; a stray BOM is dropped. */
	static String normalize(String name) {
		String n = name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
		return n.replaceAll("[\\s\\-]+", "_");
	}

	/**
	 * Resolves the mapping against a header row.
	 *
	 * @param hintIfMissing appended to the message when a required column is missing (e.g. a delimiter hint);
	 * may be null
	 * @throws InputFormatException when a required column is missing, duplicated or a column pair is incomplete
	 */
	BoundColumns bind(List<String> header, String source, String hintIfMissing) {
		List<String> names = header.stream().map(ColumnMapping::normalize).toList();
		var bound = new HeaderLookup(names, header, source, hintIfMissing);
		int customer = (layout == Layout.WIDE)
				? bound.required(customerIdColumn, "the wide layout needs one row per customer")
				: bound.optional(customerIdColumn);
		if (layout == Layout.LONG) {
			int type = bound.required(idTypeColumn, null);
			int scope = bound.required(scopeIdColumn, null);
			int id = bound.required(scopedIdColumn, null);
			return BoundColumns.longLayout(header.size(), customer, type, scope, id);
		}
		List<BoundColumns.WideSlot> slots = new ArrayList<>();
		for (WideIdColumns columns : wideColumns) {
			bindWide(bound, columns, slots);
		}
		if (slots.isEmpty()) {
			throw new InputFormatException(source + ": no ID columns found for the wide layout; expected "
					+ describeWide() + "; found " + header + appendHint(hintIfMissing));
		}
		return BoundColumns.wideLayout(header.size(), customer, slots);
	}

	private void bindWide(HeaderLookup bound, WideIdColumns columns, List<BoundColumns.WideSlot> slots) {
		if (columns.fixedScopeId() != null) {
			int id = bound.optional(columns.idColumn());
			if (id >= 0) {
				slots.add(new BoundColumns.WideSlot(columns.type(), columns.idColumn(), id, -1, null,
						columns.fixedScopeId()));
			}
			return;
		}
		for (int n = 1;; n++) {
			String idName = (n == 1) ? columns.idColumn() : columns.idColumn() + "_" + n;
			String scopeName = (n == 1) ? columns.scopeColumn() : columns.scopeColumn() + "_" + n;
			int id = bound.optional(idName);
			int scope = bound.optional(scopeName);
			if (id < 0 && scope < 0) {
				if (n == 1) {
					continue;
				}
				return;
			}
			if (id < 0 || scope < 0) {
				String present = (id >= 0) ? idName : scopeName;
				String absent = (id >= 0) ? scopeName : idName;
				throw new InputFormatException(bound.source + ": column '" + present + "' has no matching column '"
						+ absent + "'; each " + columns.type().wireName() + " column needs its "
						+ columns.scopeLabel() + " ID column beside it; found " + bound.original);
			}
			slots.add(new BoundColumns.WideSlot(columns.type(), idName, id, scope, scopeName, null));
		}
	}

	private String describeWide() {
		List<String> parts = new ArrayList<>();
		for (WideIdColumns c : wideColumns) {
			parts.add(c.fixedScopeId() != null ? c.idColumn() + " (" + c.scopeLabel() + " " + c.fixedScopeId() + ")"
					: c.idColumn() + "+" + c.scopeColumn());
		}
		return String.join(", ", parts);
	}

	private static String appendHint(String hint) {
		return (hint == null) ? "" : " — " + hint;
	}

	@Override
	public String toString() {
		return layout == Layout.LONG
				? "ColumnMapping[LONG " + customerIdColumn + "?, " + idTypeColumn + ", " + scopeIdColumn + ", "
						+ scopedIdColumn + "]"
				: "ColumnMapping[WIDE " + customerIdColumn + ", " + describeWide() + "]";
	}

	/** Finds normalized column names in one header and builds the error messages for that header. */
	private static final class HeaderLookup {

		private final List<String> names;

		private final List<String> original;

		private final String source;

		private final String hint;

		HeaderLookup(List<String> names, List<String> original, String source, String hint) {
			this.names = names;
			this.original = original;
			this.source = source;
			this.hint = hint;
		}

		int optional(String name) {
			int first = names.indexOf(name);
			if (first >= 0 && names.lastIndexOf(name) != first) {
				throw new InputFormatException(source + ": column '" + name + "' appears more than once in the header "
						+ original + "; keep one and rename or remove the others");
			}
			return first;
		}

		int required(String name, String why) {
			int index = optional(name);
			if (index >= 0) {
				return index;
			}
			StringBuilder message = new StringBuilder(source).append(": missing column '").append(name).append('\'');
			if (why != null) {
				message.append(" (").append(why).append(')');
			}
			message.append("; found ").append(original.size() == 1 ? "[" + original.get(0) + "]" : original);
			String nearMiss = nearMiss(name);
			if (nearMiss != null) {
				message.append(" — rename column '").append(nearMiss).append("' to '").append(name).append('\'');
			}
			message.append(appendHint(hint));
			throw new InputFormatException(message.toString());
		}

		/** A header name that differs only in underscores ("scopedid", "scoped__id"). */
		private String nearMiss(String name) {
			String squeezed = name.replace("_", "");
			for (int i = 0; i < names.size(); i++) {
				if (names.get(i).replace("_", "").equals(squeezed)) {
					return original.get(i).strip();
				}
			}
			return null;
		}
	}

	public static final class Builder {

		private Layout layout = Layout.LONG;

		private String customerIdColumn = CUSTOMER_ID;

		private String idTypeColumn = ID_TYPE;

		private String scopeIdColumn = SCOPE_ID;

		private String scopedIdColumn = SCOPED_ID;

		private final List<WideIdColumns> wideColumns = new ArrayList<>();

		private Builder() {
		}

		public Builder customerIdColumn(String name) {
			this.customerIdColumn = normalize(name);
			return this;
		}

		public Builder idTypeColumn(String name) {
			this.idTypeColumn = normalize(name);
			return this;
		}

		public Builder scopeIdColumn(String name) {
			this.scopeIdColumn = normalize(name);
			return this;
		}

		public Builder scopedIdColumn(String name) {
			this.scopedIdColumn = normalize(name);
			return this;
		}

		/**
		 * Switches to the wide layout. Without any column pair added, the conventional pairs
		 * {@code psid+page_id} and {@code asid+app_id} are used.
		 */
		public Builder wide() {
			this.layout = Layout.WIDE;
			return this;
		}

		/** A PSID column and the column with its Page ID; {@code psid_2+page_id_2}, ... are picked up too. */
		public Builder psidColumns(String psidColumn, String pageIdColumn) {
			return add(new WideIdColumns(IdType.PSID, psidColumn, Objects.requireNonNull(pageIdColumn), null));
		}

		/** An ASID column and the column with its app ID; {@code asid_2+app_id_2}, ... are picked up too. */
		public Builder asidColumns(String asidColumn, String appIdColumn) {
			return add(new WideIdColumns(IdType.ASID, asidColumn, Objects.requireNonNull(appIdColumn), null));
		}

		/** A column whose every value is a PSID of one Page, e.g. {@code psid_shop} for Page 1234. */
		public Builder psidColumnOfPage(String psidColumn, String pageId) {
			return add(new WideIdColumns(IdType.PSID, psidColumn, null, Objects.requireNonNull(pageId)));
		}

		/** A column whose every value is an ASID of one app. */
		public Builder asidColumnOfApp(String asidColumn, String appId) {
			return add(new WideIdColumns(IdType.ASID, asidColumn, null, Objects.requireNonNull(appId)));
		}

		private Builder add(WideIdColumns columns) {
			this.layout = Layout.WIDE;
			this.wideColumns.add(columns);
			return this;
		}

		public ColumnMapping build() {
			if (layout == Layout.WIDE && wideColumns.isEmpty()) {
				wideColumns.add(new WideIdColumns(IdType.PSID, "psid", "page_id", null));
				wideColumns.add(new WideIdColumns(IdType.ASID, "asid", "app_id", null));
			}
			return new ColumnMapping(this);
		}
	}
}
