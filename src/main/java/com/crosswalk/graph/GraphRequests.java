package com.crosswalk.graph;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import tools.jackson.databind.node.ArrayNode;

import com.crosswalk.id.IdType;

/**
 * Builds the HTTP requests the client sends: user-node reads that ask both ID edges at once, their cursor
 * continuations, and Graph batches of them with a token and proof on every item.
 */
final class GraphRequests {

	static final String IDS_FOR_APPS = "ids_for_apps";

	static final String IDS_FOR_PAGES = "ids_for_pages";

	private final GraphClientConfig config;

	private final String versionRoot;

	GraphRequests(GraphClientConfig config) {
		this.config = config;
		String base = config.baseUrl().toString();
		this.versionRoot = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/"
				+ config.apiVersion();
	}

	/**
	 * Both edges and, if asked for, the ID type's profile fields in one read: the fewest calls per person. Graph
	 * documents the {@code app=} and {@code page=} filters on the edge endpoints only, which would cost a call per
	 * edge; target apps and Pages are therefore applied to the answer (see {@link UserNodeAnswer}), at the same
	 * number of calls.
	 */
	String initialFields(IdType type, boolean withProfile) {
		StringJoiner fields = new StringJoiner(",");
		fields.add(edge(IDS_FOR_APPS, null));
		fields.add(edge(IDS_FOR_PAGES, null));
		if (withProfile) {
			config.profileFields(type).forEach(fields::add);
		}
		return fields.toString();
	}

	/** The next page of each edge that has one, as field expansion so the person stays one node read. */
	String continuationFields(String appsAfter, String pagesAfter) {
		StringJoiner fields = new StringJoiner(",");
		if (appsAfter != null) {
			fields.add(edge(IDS_FOR_APPS, appsAfter));
		}
		if (pagesAfter != null) {
			fields.add(edge(IDS_FOR_PAGES, pagesAfter));
		}
		return fields.toString();
	}

	/** A batch item's {@code relative_url}: version-less path, fields, the item's own token and proof. */
	String relativeUrl(String nodeId, String fields, ScopeCredentials credentials, Instant now) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("fields", fields);
		query.putAll(credentials.parameters(config.proofMode(), now));
		return encodePath(nodeId) + "?" + form(query);
	}

	/**
	 * One batch POST. The top-level token is mandatory even though every item carries its own; it is the first
	 * item's, so a top-level error can be pinned on that item's scope.
	 */
	HttpRequest batch(List<String> relativeUrls, ScopeCredentials topLevel, Instant now) {
		ArrayNode operations = GraphJson.MAPPER.createArrayNode();
		for (String relativeUrl : relativeUrls) {
			operations.addObject().put("method", "GET").put("relative_url", relativeUrl);
		}
		Map<String, String> form = new LinkedHashMap<>(topLevel.parameters(config.proofMode(), now));
		form.put("include_headers", "true");
		form.put("batch", GraphJson.MAPPER.writeValueAsString(operations));
		return HttpRequest.newBuilder(batchUri())
			.timeout(config.requestTimeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build();
	}

	/** A plain GET of {@code /{version}/{path}} with the given parameters plus the scope's token and proof. */
	HttpRequest get(String pathAfterVersion, Map<String, String> parameters, ScopeCredentials credentials,
			Instant now) {
		Map<String, String> query = new LinkedHashMap<>(parameters);
		query.putAll(credentials.parameters(config.proofMode(), now));
		return HttpRequest.newBuilder(uri(pathAfterVersion, query)).timeout(config.requestTimeout()).GET().build();
	}

	URI batchUri() {
		return URI.create(versionRoot);
	}

	URI uri(String pathAfterVersion, Map<String, String> query) {
		String path = pathAfterVersion.startsWith("/") ? pathAfterVersion.substring(1) : pathAfterVersion;
		return URI.create(versionRoot + "/" + path + (query.isEmpty() ? "" : "?" + form(query)));
	}

	/**
	 * An edge with its items' fields named: Graph's fields are declarative, so the owning app or Page, which the
	 * client needs to file an ID under its scope, is asked for rather than hoped for.
	 */
	private String edge(String name, String after) {
		StringBuilder edge = new StringBuilder(name).append(".limit(").append(config.edgePageLimit()).append(')');
		if (after != null) {
			edge.append(".after(").append(after).append(')');
		}
		edge.append(IDS_FOR_APPS.equals(name) ? "{id,app{id}}" : "{id,page{id}}");
		return edge.toString();
	}

	static String form(Map<String, String> parameters) {
		StringJoiner form = new StringJoiner("&");
		parameters.forEach((name, value) -> form.add(encode(name) + "=" + encode(value)));
		return form.toString();
	}

	private static String encodePath(String nodeId) {
		// An ID is a single path segment; encoding keeps input like "1/../me" from reaching another node.
		return encode(nodeId);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
