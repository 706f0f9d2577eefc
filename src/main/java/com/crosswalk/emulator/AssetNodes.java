package com.crosswalk.emulator;

import java.util.Set;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** App, Page and business objects: as nodes of their own (token preflight) and nested in ID Matching edge items. */
final class AssetNodes {

	static final Set<String> APP_FIELDS = Set.of("id", "name", "category", "link", "namespace", "owner_business");

	static final Set<String> PAGE_FIELDS = Set.of("id", "name", "category", "link", "business");

	/** What an {@code ids_for_apps} item's {@code app} holds by default (reference §2.5). */
	static final Set<String> APP_ITEM_FIELDS = Set.of("id", "name", "link", "category", "namespace");

	/** What an {@code ids_for_pages} item's {@code page} holds by default. */
	static final Set<String> PAGE_ITEM_FIELDS = Set.of("id", "name", "link", "category");

	private static final Set<String> BUSINESS_FIELDS = Set.of("id", "name");

	private static final FieldSelection APP_ITEM_DEFAULT = FieldSelection.of(APP_ITEM_FIELDS.toArray(String[]::new));

	private static final FieldSelection PAGE_ITEM_DEFAULT = FieldSelection.of(PAGE_ITEM_FIELDS.toArray(String[]::new));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Fixture fixture;

	AssetNodes(Fixture fixture) {
		this.fixture = fixture;
	}

	void requireKnown(FieldSelection fields, Set<String> known, String nodeType) {
		for (FieldSelection.Field field : fields.fields()) {
			if (!known.contains(field.name())) {
				throw GraphError.nonexistingField(field.name(), nodeType).exception();
			}
			if (field.subfields() != null) {
				for (FieldSelection.Field subfield : field.subfields().fields()) {
					if (!BUSINESS_FIELDS.contains(subfield.name())) {
						throw GraphError.nonexistingField(subfield.name(), "Business").exception();
					}
				}
			}
		}
	}

	/**
	 * An app object; {@code fields} null means the edge-item default. A node read always carries {@code id}; an edge
	 * item's app only when selected.
	 */
	ObjectNode app(Fixture.App app, FieldSelection fields, boolean edgeItem) {
		FieldSelection selected = fields != null ? fields : APP_ITEM_DEFAULT;
		ObjectNode node = JSON.createObjectNode();
		if (!edgeItem || selected.has("id")) {
			node.put("id", app.id());
		}
		putIfSelected(node, selected, "name", app.name());
		putIfSelected(node, selected, "link", app.link());
		putIfSelected(node, selected, "category", app.category());
		putIfSelected(node, selected, "namespace", app.namespace());
		selected.field("owner_business").ifPresent(field -> node.set("owner_business",
				business(app.businessId(), field.subfields())));
		return node;
	}

	ObjectNode page(Fixture.Page page, FieldSelection fields, boolean edgeItem) {
		FieldSelection selected = fields != null ? fields : PAGE_ITEM_DEFAULT;
		ObjectNode node = JSON.createObjectNode();
		if (!edgeItem || selected.has("id")) {
			node.put("id", page.id());
		}
		putIfSelected(node, selected, "name", page.name());
		putIfSelected(node, selected, "link", page.link());
		putIfSelected(node, selected, "category", page.category());
		selected.field("business").ifPresent(field -> node.set("business",
				business(page.businessId(), field.subfields())));
		return node;
	}

	private ObjectNode business(String businessId, FieldSelection fields) {
		Fixture.Business business = fixture.business(businessId).orElseThrow();
		ObjectNode node = JSON.createObjectNode();
		node.put("id", business.id());
		if ((fields == null || fields.has("name")) && business.name() != null) {
			node.put("name", business.name());
		}
		return node;
	}

	private static void putIfSelected(ObjectNode node, FieldSelection selected, String field, String value) {
		if (value != null && selected.has(field)) {
			node.put(field, value);
		}
	}
}
