package com.crosswalk.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A Graph path split into its optional version and its segments: {@code /v26.0/123/ids_for_apps} has version
 * v26.0 and segments [123, ids_for_apps].
 */
record RequestPath(GraphVersion version, List<String> segments) {

	static RequestPath parse(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		GraphVersion version = segments.isEmpty() ? null : GraphVersion.parse(segments.get(0));
		if (version != null) {
			segments.remove(0);
		}
		return new RequestPath(version, List.copyOf(segments));
	}

	boolean isRoot() {
		return segments.isEmpty();
	}
}
