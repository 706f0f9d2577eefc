package com.crosswalk.emulator;

import java.util.Set;

/**
 * The checks a Graph call passes before anything is read, each throwing the error real Graph answers: version,
 * token, appsecret_proof and rate limit in the order of reference §2.9, then what the read asks (fields, edge
 * modifiers, the permissions profile fields and a Page's business need). Nothing here renders an answer.
 */
final class CallChecks {

	private static final Set<String> USER_FIELDS = Set.of("id", "name", "age_range", "is_payment_enabled",
			GraphService.IDS_FOR_APPS, GraphService.IDS_FOR_PAGES);

	private static final Set<String> EDGE_MODIFIERS = Set.of("limit", "after", "before");

	/** The Page token permission a PSID's profile fields need. */
	static final String PROFILE_PERMISSION = "pages_messaging";

	private final EmulatorConfig config;

	private final UsageLimits limits;

	CallChecks(EmulatorConfig config, UsageLimits limits) {
		this.config = config;
		this.limits = limits;
	}

	/** ID Matching needs a version that has it, whether the read names an edge or asks it as fields. */
	void requireVersion(GraphRequest request, RequestPath path, GraphVersion version) {
		if (version.compareTo(GraphVersion.ID_MATCHING_MINIMUM) >= 0) {
			return;
		}
		String edge = path.segments().size() == 2 ? path.segments().get(1) : null;
		String fields = request.param("fields");
		if (isIdMatchingEdge(edge)) {
			throw GraphError.versionTooLow(edge).exception();
		}
		if (edge == null && fields != null) {
			if (fields.contains(GraphService.IDS_FOR_APPS)) {
				throw GraphError.versionTooLow(GraphService.IDS_FOR_APPS).exception();
			}
			if (fields.contains(GraphService.IDS_FOR_PAGES)) {
				throw GraphError.versionTooLow(GraphService.IDS_FOR_PAGES).exception();
			}
		}
	}

	void requireLiveToken(String token, TokenGrant grant) {
		if (token == null || token.isEmpty()) {
			throw (config.lenient() ? GraphError.tokenMissing() : GraphError.tokenRequired()).exception();
		}
		if (grant == null) {
			throw GraphError.tokenInvalid().exception();
		}
		if (grant.expired()) {
			throw GraphError.tokenExpired().exception();
		}
	}

	void requireProof(GraphRequest request, TokenGrant grant, long nowSeconds) {
		if (config.appSecretProofRequired()) {
			AppSecretProofVerifier.verify(request.accessToken(), grant.app().secret(),
					request.param("appsecret_proof"), request.param("appsecret_time"), nowSeconds);
		}
	}

	void requireBudget(UsageLimits.Usage usage) {
		if (usage.exceeded()) {
			throw limits.exceededError(usage).exception();
		}
	}

	/** The fields a user node read asks: known ones, modifiers and subfields only where Graph takes them. */
	void requireUserFields(FieldSelection fields) {
		for (FieldSelection.Field field : fields.fields()) {
			if (!USER_FIELDS.contains(field.name())) {
				throw GraphError.nonexistingField(field.name(), "User").exception();
			}
			if (isIdMatchingEdge(field.name())) {
				requireEdgeSelection(field.name(), field.modifiers().keySet(), field.subfields());
			}
			else if (!field.modifiers().isEmpty() || field.subfields() != null && !"age_range".equals(field.name())) {
				throw GraphError.invalid("(#100) Field " + field.name() + " does not support modifiers or subfields")
					.exception();
			}
		}
	}

	/** An edge read: the edge is an ID Matching edge, and its modifiers and item fields are Graph's. */
	void requireEdgeSelection(String edge, Set<String> modifiers, FieldSelection subfields) {
		for (String modifier : modifiers) {
			if (!EDGE_MODIFIERS.contains(modifier)) {
				throw GraphError.invalid("(#100) Unknown modifier ." + modifier + "() on field " + edge).exception();
			}
		}
		if (subfields == null) {
			return;
		}
		boolean apps = GraphService.IDS_FOR_APPS.equals(edge);
		String assetField = apps ? "app" : "page";
		for (FieldSelection.Field field : subfields.fields()) {
			if (!field.name().equals("id") && !field.name().equals(assetField)) {
				throw GraphError.nonexistingField(field.name(), apps ? "UserIDForApp" : "UserIDForPage").exception();
			}
			if (field.name().equals(assetField) && field.subfields() != null) {
				Set<String> allowed = apps ? AssetNodes.APP_ITEM_FIELDS : AssetNodes.PAGE_ITEM_FIELDS;
				for (FieldSelection.Field assetSubfield : field.subfields().fields()) {
					if (!allowed.contains(assetSubfield.name())) {
						throw GraphError.nonexistingField(assetSubfield.name(), apps ? "Application" : "Page")
							.exception();
					}
				}
			}
		}
	}

	/**
	 * Meta's User Profile page: a PSID's profile needs a Page token with pages_messaging (and the app's Business
	 * Asset User Profile Access); the answer without it is "(#230) Requires pages_messaging permission to manage the
	 * object", HTTP 403 (observed, home-assistant/core#26132; reference S32-S42), a permission error.
	 */
	void requireProfilePermission(GraphRequest request, TokenGrant grant) {
		if (!config.lenient() && grant.isPageToken() && !grant.page().hasScope(PROFILE_PERMISSION)
				&& GraphService.asksProfile(request)) {
			throw GraphError.profilePermissionRequired(PROFILE_PERMISSION).exception();
		}
	}

	/** Meta's Page reference: a Page's business needs business_management, which a Messenger bot's token rarely has. */
	void requireBusinessPermission(FieldSelection fields, TokenGrant grant) {
		if (fields.has("business") && !config.lenient()
				&& !(grant.isPageToken() && grant.page().hasScope("business_management"))) {
			throw GraphError.permissionRequired("business_management").exception();
		}
	}

	static boolean isIdMatchingEdge(String name) {
		return GraphService.IDS_FOR_APPS.equals(name) || GraphService.IDS_FOR_PAGES.equals(name);
	}
}
