package com.crosswalk.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a business's apps and Pages from a JSON file, with secrets and tokens optionally from the environment
 * (which wins), so that the file can be kept free of them:
 *
 * <pre>
 * {"business_id": "...",
 *  "apps":  [{"id": "...", "secret": "...", "token": "..."}],
 *  "pages": [{"id": "...", "app_id": "...", "token": "..."}]}
 * </pre>
 *
 * ID Matching only maps IDs between one business's own assets, so an app or Page that declares another
 * {@code business_id} is refused.
 */
public final class BusinessCredentialsLoader {

	private BusinessCredentialsLoader() {
	}

	public static String appSecretVariable(String appId) {
		return "CROSSWALK_APP_" + variablePart(appId) + "_SECRET";
	}

	public static String appTokenVariable(String appId) {
		return "CROSSWALK_APP_" + variablePart(appId) + "_TOKEN";
	}

	public static String pageTokenVariable(String pageId) {
		return "CROSSWALK_PAGE_" + variablePart(pageId) + "_TOKEN";
	}

	/**
	 * @throws IllegalArgumentException naming the missing or inconsistent item (and the variable to set); never
	 * containing a secret
	 * @throws UncheckedIOException if the file cannot be read
	 */
	public static BusinessCredentials load(Path businessJson, Map<String, String> env) {
		JsonNode root;
		try {
			root = GraphJson.MAPPER.readTree(Files.readString(businessJson));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read business credentials " + businessJson, ex);
		}
		catch (JacksonException ex) {
			// Jackson quotes the offending content, which may be a secret: report the place only.
			var location = ex.getLocation();
			throw new IllegalArgumentException(businessJson + " is not valid JSON" + ((location != null)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : ""));
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException(businessJson + " must hold a JSON object");
		}
		String businessId = required(root, "business_id", businessJson + ": top level");
		List<AppCredentials> apps = new ArrayList<>();
		Set<String> appIds = new HashSet<>();
		for (JsonNode node : array(root, "apps", businessJson)) {
			String appId = required(node, "id", businessJson + ": an app");
			String where = businessJson + ": app " + appId;
			requireSameBusiness(node, businessId, where);
			if (!appIds.add(appId)) {
				throw new IllegalArgumentException(where + " is listed twice");
			}
			String secret = fromEnvOrFile(env, appSecretVariable(appId), node, "secret");
			if (secret == null) {
				throw new IllegalArgumentException(where + " has no secret (needed for appsecret_proof): set \"secret\""
						+ " in the file or the environment variable " + appSecretVariable(appId));
			}
			apps.add(new AppCredentials(appId, secret, fromEnvOrFile(env, appTokenVariable(appId), node, "token")));
		}
		List<PageCredentials> pages = new ArrayList<>();
		Set<String> pageIds = new HashSet<>();
		for (JsonNode node : array(root, "pages", businessJson)) {
			String pageId = required(node, "id", businessJson + ": a Page");
			String where = businessJson + ": Page " + pageId;
			requireSameBusiness(node, businessId, where);
			if (!pageIds.add(pageId)) {
				throw new IllegalArgumentException(where + " is listed twice");
			}
			String appId = required(node, "app_id", where);
			if (!appIds.contains(appId)) {
				throw new IllegalArgumentException(where + " is managed by app " + appId
						+ ", which is not in \"apps\"; its secret signs the Page token's appsecret_proof");
			}
			String token = fromEnvOrFile(env, pageTokenVariable(pageId), node, "token");
			if (token == null) {
				throw new IllegalArgumentException(where + " has no Page access token: set \"token\" in the file or"
						+ " the environment variable " + pageTokenVariable(pageId));
			}
			pages.add(new PageCredentials(pageId, appId, token));
		}
		return new BusinessCredentials(businessId, apps, pages);
	}

	private static void requireSameBusiness(JsonNode node, String businessId, String where) {
		String declared = text(node, "business_id");
		if (declared != null && !declared.equals(businessId)) {
			throw new IllegalArgumentException(where + " belongs to business " + declared + ", not " + businessId
					+ ": ID Matching may only connect a business's own apps and Pages; use one file per business");
		}
	}

	private static List<JsonNode> array(JsonNode root, String field, Path file) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new IllegalArgumentException(file + ": \"" + field + "\" must be an array");
		}
		List<JsonNode> items = new ArrayList<>();
		node.forEach(items::add);
		return items;
	}

	private static String required(JsonNode node, String field, String where) {
		String value = text(node, field);
		if (value == null) {
			throw new IllegalArgumentException(where + " has no \"" + field + "\"");
		}
		return value;
	}

	private static String fromEnvOrFile(Map<String, String> env, String variable, JsonNode node, String field) {
		String fromEnv = env.get(variable);
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv.trim();
		}
		return text(node, field);
	}

	private static String text(JsonNode node, String field) {
		if (node == null || !node.isObject()) {
			return null;
		}
		String value = GraphJson.text(node.get(field));
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static String variablePart(String id) {
		return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
	}
}
