package com.crosswalk.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import com.crosswalk.id.IdType;
import com.crosswalk.id.ScopedId;

/**
 * A successful read of a user node: the scoped IDs on both edges, the profile fields asked for, the cursor of each
 * edge that has another page, and how many edge items came without an ID or without the app or Page they belong to
 * (they cannot be filed, and are counted rather than dropped in silence).
 */
record UserNodeAnswer(List<ScopedId> linked, Map<String, String> profile, String appsAfter, String pagesAfter,
		int itemsWithoutOwner) {

	boolean hasMore() {
		return appsAfter != null || pagesAfter != null;
	}

	/**
	 * Reads the answer; IDs outside the target apps/Pages (when set) are dropped, as Graph only filters by one app or
	 * Page at a time.
	 */
	static UserNodeAnswer parse(JsonNode body, List<String> profileFields, Set<String> targetApps,
			Set<String> targetPages) {
		List<ScopedId> linked = new ArrayList<>();
		int[] withoutOwner = new int[1];
		String appsAfter = readEdge(body.get(GraphRequests.IDS_FOR_APPS), "app", IdType.ASID, targetApps, linked,
				withoutOwner);
		String pagesAfter = readEdge(body.get(GraphRequests.IDS_FOR_PAGES), "page", IdType.PSID, targetPages, linked,
				withoutOwner);
		Map<String, String> profile = new LinkedHashMap<>();
		for (String field : profileFields) {
			String name = field.contains("{") ? field.substring(0, field.indexOf('{')) : field;
			JsonNode value = body.get(name);
			if (value != null && !value.isNull() && !value.isMissingNode()) {
				profile.put(name, value.isContainer() ? value.toString() : GraphJson.text(value));
			}
		}
		return new UserNodeAnswer(List.copyOf(linked), Map.copyOf(profile), appsAfter, pagesAfter, withoutOwner[0]);
	}

	/** Returns the {@code after} cursor when Graph says there is a next page (a {@code next} link). */
	private static String readEdge(JsonNode edge, String ownerField, IdType type, Set<String> targets,
			List<ScopedId> into, int[] withoutOwner) {
		if (edge == null || !edge.isObject()) {
			// Graph omits an empty edge from the expanded node.
			return null;
		}
		JsonNode data = edge.get("data");
		if (data != null && data.isArray()) {
			for (JsonNode entry : data) {
				String id = GraphJson.text(entry.get("id"));
				JsonNode owner = entry.get(ownerField);
				String ownerId = (owner != null) ? GraphJson.text(owner.get("id")) : null;
				if (id == null || ownerId == null) {
					withoutOwner[0]++;
				}
				else if (targets.isEmpty() || targets.contains(ownerId)) {
					into.add(new ScopedId(type, ownerId, id));
				}
			}
		}
		JsonNode paging = edge.get("paging");
		if (paging == null || !paging.isObject() || GraphJson.text(paging.get("next")) == null) {
			return null;
		}
		JsonNode cursors = paging.get("cursors");
		return (cursors != null) ? GraphJson.text(cursors.get("after")) : null;
	}
}
