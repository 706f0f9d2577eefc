package com.crosswalk.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a checked user-node read as Graph answers it: the fields asked of the person, and the ID Matching edges a
 * page at a time, with cursors and {@code next}/{@code previous} URLs that carry the request's credentials as real
 * Graph's do. What may be read was decided before ({@link CallChecks}); only a page size that is not a number is
 * refused here, where the page is cut, as Graph refuses it.
 */
final class UserNodeRenderer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Fixture fixture;

	private final PersonDirectory persons;

	private final EmulatorConfig config;

	private final AssetNodes assets;

	private final Supplier<String> baseUrl;

	UserNodeRenderer(Fixture fixture, EmulatorConfig config, AssetNodes assets, Supplier<String> baseUrl) {
		this.fixture = fixture;
		this.persons = fixture.persons();
		this.config = config;
		this.assets = assets;
		this.baseUrl = baseUrl;
	}

	/** The user node of the scoped ID {@code nodeId} (person entry {@code entry}) with the fields asked. */
	ObjectNode user(GraphRequest request, GraphVersion version, String nodeId, int entry, FieldSelection fields,
			String businessId) {
		int person = persons.personOf(entry);
		ObjectNode node = JSON.createObjectNode();
		node.put("id", nodeId);
		for (FieldSelection.Field field : fields.fields()) {
			switch (field.name()) {
				case "name" -> node.put("name", persons.name(person));
				case "age_range" -> {
					if (persons.ageMin(person) >= 0) {
						ObjectNode range = node.putObject("age_range");
						range.put("min", persons.ageMin(person));
						if (persons.ageMax(person) >= 0) {
							range.put("max", persons.ageMax(person));
						}
					}
				}
				case "is_payment_enabled" -> node.put("is_payment_enabled", persons.paymentEnabled(person));
				case GraphService.IDS_FOR_APPS, GraphService.IDS_FOR_PAGES -> {
					List<Integer> items = edgeEntries(person, entry, field.name(), businessId, null);
					EdgeWindow window = EdgeWindow.of(items.size(), pageSize(field.modifier("limit")),
							field.modifier("after"), field.modifier("before"));
					if (!window.isEmpty()) {
						Map<String, String> nextParams = credentialParams(request);
						if (field.subfields() != null) {
							nextParams.put("fields", field.subfields().render());
						}
						node.set(field.name(), edge(items, window, field.name(), field.subfields(),
								edgeUrl(version, nodeId, field.name()), nextParams));
					}
				}
				default -> {
					// "id" is always present
				}
			}
		}
		return node;
	}

	/** One page of an ID Matching edge read on its own ({@code /ID/ids_for_apps}). */
	ObjectNode edge(GraphRequest request, GraphVersion version, String nodeId, int entry, String edge,
			FieldSelection subfields, String businessId) {
		String filter = request.param(GraphService.IDS_FOR_APPS.equals(edge) ? "app" : "page");
		List<Integer> items = edgeEntries(persons.personOf(entry), entry, edge, businessId, filter);
		EdgeWindow window = EdgeWindow.of(items.size(), pageSize(request.param("limit")), request.param("after"),
				request.param("before"));
		Map<String, String> nextParams = new TreeMap<>(request.params());
		nextParams.remove("after");
		nextParams.remove("before");
		nextParams.remove("limit");
		nextParams.putAll(credentialParams(request));
		if (window.isEmpty()) {
			ObjectNode empty = JSON.createObjectNode();
			empty.putArray("data");
			return empty;
		}
		return edge(items, window, edge, subfields, edgeUrl(version, nodeId, edge), nextParams);
	}

	/**
	 * Entries of the person's IDs that the edge returns: the apps (or Pages) of the token's business, in fixture
	 * order, optionally one asset only, optionally without the input's own asset.
	 */
	private List<Integer> edgeEntries(int person, int inputEntry, String edge, String businessId, String filter) {
		boolean apps = GraphService.IDS_FOR_APPS.equals(edge);
		List<Integer> result = new ArrayList<>(4);
		for (int e = persons.firstEntry(person); e < persons.endEntry(person); e++) {
			int scope = persons.scopeOf(e);
			if (fixture.isAppScope(scope) != apps || !fixture.businessOfScope(scope).equals(businessId)) {
				continue;
			}
			if (filter != null && !fixture.scopeIdAt(scope).equals(filter)) {
				continue;
			}
			if (e == inputEntry && !config.includeOwnAsset()) {
				continue;
			}
			result.add(e);
		}
		result.sort((a, b) -> Integer.compare(persons.scopeOf(a), persons.scopeOf(b)));
		return result;
	}

	private ObjectNode edge(List<Integer> items, EdgeWindow window, String edge, FieldSelection subfields, String url,
			Map<String, String> nextParams) {
		ObjectNode result = JSON.createObjectNode();
		ArrayNode data = result.putArray("data");
		for (int i = window.start(); i < window.end(); i++) {
			data.add(item(items.get(i), edge, subfields));
		}
		ObjectNode paging = result.putObject("paging");
		ObjectNode cursors = paging.putObject("cursors");
		cursors.put("before", EdgeCursor.encode(window.start()));
		cursors.put("after", EdgeCursor.encode(window.end() - 1));
		nextParams.put("limit", Integer.toString(window.limit()));
		if (window.start() > 0) {
			Map<String, String> previous = new TreeMap<>(nextParams);
			previous.put("before", EdgeCursor.encode(window.start()));
			paging.put("previous", url + "?" + FormCodec.encode(previous));
		}
		if (window.end() < items.size()) {
			Map<String, String> next = new TreeMap<>(nextParams);
			next.put("after", EdgeCursor.encode(window.end() - 1));
			paging.put("next", url + "?" + FormCodec.encode(next));
		}
		return result;
	}

	private ObjectNode item(int entry, String edge, FieldSelection subfields) {
		ObjectNode item = JSON.createObjectNode();
		int scope = persons.scopeOf(entry);
		boolean apps = GraphService.IDS_FOR_APPS.equals(edge);
		String assetField = apps ? "app" : "page";
		if (subfields == null || subfields.has("id")) {
			item.put("id", Long.toString(persons.idOf(entry)));
		}
		if (subfields == null || subfields.has(assetField)) {
			FieldSelection assetFields = subfields == null ? null : subfields.field(assetField).orElseThrow().subfields();
			item.set(assetField, apps ? assets.app(fixture.appAtScope(scope), assetFields, true)
					: assets.page(fixture.pageAtScope(scope), assetFields, true));
		}
		return item;
	}

	/** An edge's page size: the default when absent or below 1, at most the maximum. */
	private int pageSize(String limit) {
		if (limit == null) {
			return config.edgeDefaultLimit();
		}
		try {
			int size = Integer.parseInt(limit.trim());
			return size < 1 ? config.edgeDefaultLimit() : Math.min(size, config.edgeMaxLimit());
		}
		catch (NumberFormatException ex) {
			throw GraphError.invalid("(#100) Param limit must be a number").exception();
		}
	}

	private String edgeUrl(GraphVersion version, String nodeId, String edge) {
		return baseUrl.get() + "/" + version + "/" + nodeId + "/" + edge;
	}

	/** The token and proof parameters that a {@code next} URL carries, as real Graph embeds them. */
	private static Map<String, String> credentialParams(GraphRequest request) {
		Map<String, String> params = new TreeMap<>();
		if (request.accessToken() != null) {
			params.put("access_token", request.accessToken());
		}
		for (String name : List.of("appsecret_proof", "appsecret_time")) {
			if (request.param(name) != null) {
				params.put(name, request.param(name));
			}
		}
		return params;
	}

	/** Which slice of an edge's items one answer holds. */
	record EdgeWindow(int start, int end, int limit) {

		static EdgeWindow of(int size, int limit, String after, String before) {
			int start;
			int end;
			if (after != null) {
				start = Math.min(size, EdgeCursor.decode(after) + 1);
				end = Math.min(size, start + limit);
			}
			else if (before != null) {
				end = Math.min(size, EdgeCursor.decode(before));
				start = Math.max(0, end - limit);
			}
			else {
				start = 0;
				end = Math.min(size, limit);
			}
			return new EdgeWindow(start, end, limit);
		}

		boolean isEmpty() {
			return end <= start;
		}
	}
}
