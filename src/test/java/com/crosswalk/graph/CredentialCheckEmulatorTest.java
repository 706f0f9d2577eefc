package com.crosswalk.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.emulator.EmulatorConfig;
import com.crosswalk.emulator.Fixture;
import com.crosswalk.emulator.GraphEmulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The start-up check against a strict emulator: every token inspected with {@code debug_token} and its app's own
 * credentials, ownership refused where it can be read and reported as unverifiable where it cannot.
 */
class CredentialCheckEmulatorTest {

	static final String OWN = "1100000000000001";

	static final String OTHER = "1100000000000002";

	static final String APP = "2100000000000001";

	static final String SECOND_APP = "2100000000000002";

	static final String FOREIGN_APP = "2100000000000009";

	/** A Messenger bot's Page: its token holds pages_messaging only. */
	static final String BOT_PAGE = "3100000000000001";

	/** A Page whose token also holds business_management, so its business can be read. */
	static final String ADMIN_PAGE = "3100000000000002";

	/** A Page whose token was generated without pages_messaging. */
	static final String BARE_PAGE = "3100000000000003";

	/** A Page of the other business, its token with business_management. */
	static final String FOREIGN_PAGE = "3100000000000009";

	@TempDir
	static Path tmp;

	static Fixture fixture;

	static GraphEmulator emulator;

	@BeforeAll
	static void start() {
		fixture = Fixture.load(writeFixture(tmp.resolve("fixture.json")));
		emulator = GraphEmulator.start(fixture, EmulatorConfig.custom().build());
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void aMessengerSetUpPassesAndSaysWhichPagesOwnershipItCouldNotVerify() {
		CredentialReport report = check(fixture.credentialsFor(OWN));

		assertThat(report.problems()).isEmpty();
		assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("Page " + BOT_PAGE + ": its owning"
				+ " business cannot be verified").contains("business_management", OWN));
		assertThat(report.warnings()).as("a token with business_management lets Graph tell the Page's business")
			.noneMatch(w -> w.startsWith("Page " + ADMIN_PAGE));
		assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("Page " + BARE_PAGE + ": its token"
				+ " lacks pages_messaging"));
		assertThat(report.warnings()).as("apps' owner_business is readable with their own token")
			.noneMatch(w -> w.startsWith("app "));
	}

	@Test
	void aPageOfAnotherBusinessIsRefusedWhenItsBusinessCanBeRead() {
		BusinessCredentials own = fixture.credentialsFor(OWN);
		BusinessCredentials foreign = fixture.credentialsFor(OTHER);
		List<AppCredentials> apps = new ArrayList<>(own.apps());
		apps.addAll(foreign.apps());
		List<PageCredentials> pages = new ArrayList<>(own.pages());
		pages.addAll(foreign.pages());

		CredentialReport report = check(new BusinessCredentials(OWN, apps, pages));

		assertThat(report.problems()).contains(
				"app " + FOREIGN_APP + " belongs to business " + OTHER + ", not " + OWN
						+ ": ID Matching may only connect a business's own apps and Pages; remove it, or use one"
						+ " business file per business",
				"Page " + FOREIGN_PAGE + " belongs to business " + OTHER + ", not " + OWN
						+ ": ID Matching may only connect a business's own apps and Pages; remove it, or use one"
						+ " business file per business");
	}

	@Test
	void aPageTokenGeneratedWithAnotherAppThanTheConfiguredManagerIsRefused() {
		BusinessCredentials own = fixture.credentialsFor(OWN);
		List<PageCredentials> pages = own.pages().stream()
			.map(p -> p.pageId().equals(BOT_PAGE) ? new PageCredentials(BOT_PAGE, SECOND_APP, p.pageToken()) : p)
			.toList();

		CredentialReport report = check(new BusinessCredentials(OWN, own.apps(), pages));

		assertThat(report.problems()).singleElement().asString()
			.startsWith("Page " + BOT_PAGE + ": Graph answered (#100) You must provide an app access token")
			.contains("not generated with this app")
			.doesNotContain(own.page(BOT_PAGE).orElseThrow().pageToken());
	}

	@Test
	void aTokenOfAnotherPageOrAnAppTokenInThePlaceOfAPageTokenIsRefused() {
		BusinessCredentials own = fixture.credentialsFor(OWN);
		String adminPageToken = own.page(ADMIN_PAGE).orElseThrow().pageToken();
		String appToken = own.app(APP).orElseThrow().effectiveToken();
		List<PageCredentials> pages = own.pages().stream()
			.map(p -> switch (p.pageId()) {
				case BOT_PAGE -> new PageCredentials(BOT_PAGE, APP, adminPageToken);
				case BARE_PAGE -> new PageCredentials(BARE_PAGE, APP, appToken);
				default -> p;
			})
			.toList();

		CredentialReport report = check(new BusinessCredentials(OWN, own.apps(), pages));

		assertThat(report.problems()).containsExactlyInAnyOrder(
				"Page " + BOT_PAGE + ": the configured token is the token of Page " + ADMIN_PAGE
						+ "; set this Page's own token in " + BusinessCredentialsLoader.pageTokenVariable(BOT_PAGE),
				"Page " + BARE_PAGE + ": the configured token is a APP token, not a Page access token; set the Page's"
						+ " own token in " + BusinessCredentialsLoader.pageTokenVariable(BARE_PAGE));
	}

	@Test
	void anExpiredPageTokenIsRefusedWithTheVariableToRenew() {
		BusinessCredentials own = fixture.credentialsFor(OWN);
		List<PageCredentials> pages = own.pages().stream()
			.map(p -> p.pageId().equals(BOT_PAGE) ? new PageCredentials(BOT_PAGE, APP, "expired-" + BOT_PAGE) : p)
			.toList();

		CredentialReport report = check(new BusinessCredentials(OWN, own.apps(), pages));

		assertThat(report.problems()).singleElement().asString()
			.isEqualTo("Page " + BOT_PAGE + ": its Page token is not valid (Error validating access token: Session"
					+ " has expired.); renew it (" + BusinessCredentialsLoader.pageTokenVariable(BOT_PAGE) + ")");
	}

	@Test
	void settingTheVariableTheProblemNamesFixesIt() throws IOException {
		BusinessCredentials own = fixture.credentialsFor(OWN);
		Path file = tmp.resolve("expired-business.json");
		ObjectNode business = JsonMapper.shared().createObjectNode().put("business_id", OWN);
		ArrayNode apps = business.putArray("apps");
		own.apps().forEach(a -> apps.addObject().put("id", a.appId()).put("secret", a.secret()).put("token",
				a.appToken()));
		ArrayNode pages = business.putArray("pages");
		own.pages().forEach(p -> pages.addObject().put("id", p.pageId()).put("app_id", p.appId()).put("token",
				p.pageId().equals(BOT_PAGE) ? "expired-" + BOT_PAGE : p.pageToken()));
		Files.writeString(file, business.toString());
		String variable = BusinessCredentialsLoader.pageTokenVariable(BOT_PAGE);
		assertThat(check(BusinessCredentialsLoader.load(file, Map.of())).problems()).singleElement().asString()
			.contains(variable);

		CredentialReport fixed = check(BusinessCredentialsLoader.load(file,
				Map.of(variable, own.page(BOT_PAGE).orElseThrow().pageToken())));

		assertThat(fixed.problems()).isEmpty();
	}

	private static CredentialReport check(BusinessCredentials credentials) {
		try (GraphClient client = new GraphClient(GraphClientConfig.custom().baseUrl(emulator.baseUrl()).build(),
				credentials)) {
			return client.checkCredentials();
		}
	}

	private static Path writeFixture(Path file) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode root = json.createObjectNode();
		ArrayNode businesses = root.putArray("businesses");
		businesses.addObject().put("id", OWN).put("name", "Own");
		businesses.addObject().put("id", OTHER).put("name", "Other");
		ArrayNode apps = root.putArray("apps");
		for (String[] app : new String[][] { { APP, OWN }, { SECOND_APP, OWN }, { FOREIGN_APP, OTHER } }) {
			apps.addObject().put("id", app[0]).put("business_id", app[1]).put("secret", "secret-" + app[0])
				.put("name", "App " + app[0]).putArray("tokens").add("token-" + app[0]);
		}
		ArrayNode pages = root.putArray("pages");
		page(pages, BOT_PAGE, OWN, APP, "pages_messaging");
		page(pages, ADMIN_PAGE, OWN, APP, "pages_messaging", "business_management");
		page(pages, BARE_PAGE, OWN, APP, "pages_show_list");
		page(pages, FOREIGN_PAGE, OTHER, FOREIGN_APP, "pages_messaging", "business_management");
		root.putArray("persons");
		try {
			Files.writeString(file, json.writeValueAsString(root));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void page(ArrayNode pages, String id, String business, String app, String... scopes) {
		ObjectNode page = pages.addObject().put("id", id).put("business_id", business).put("name", "Page " + id)
			.put("app_id", app).put("token", "token-" + id);
		page.putArray("expired_tokens").add("expired-" + id);
		ArrayNode granted = page.putArray("scopes");
		for (String scope : scopes) {
			granted.add(scope);
		}
	}
}
