package com.crosswalk.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessCredentialsLoaderTest {

	@TempDir
	Path dir;

	private Path file(String json) throws IOException {
		return Files.writeString(dir.resolve("business.json"), json);
	}

	@Test
	void readsAppsAndPagesAndLetsTheEnvironmentWin() throws IOException {
		Path path = file("""
				{"business_id":"B1",
				 "apps":[{"id":"101","secret":"file-secret-101","token":"file-token-101"}],
				 "pages":[{"id":"201","app_id":"101"}]}
				""");

		BusinessCredentials business = BusinessCredentialsLoader.load(path,
				Map.of("CROSSWALK_APP_101_SECRET", "env-secret-101", "CROSSWALK_PAGE_201_TOKEN", "env-page-201"));

		assertThat(business.businessId()).isEqualTo("B1");
		assertThat(business.app("101")).hasValueSatisfying(app -> {
			assertThat(app.secret()).isEqualTo("env-secret-101");
			assertThat(app.appToken()).isEqualTo("file-token-101");
		});
		assertThat(business.page("201")).hasValueSatisfying(page -> {
			assertThat(page.pageToken()).isEqualTo("env-page-201");
			assertThat(page.appId()).isEqualTo("101");
		});
	}

	@Test
	void aMissingSecretNamesTheAppAndTheVariable() throws IOException {
		Path path = file("{\"business_id\":\"B1\",\"apps\":[{\"id\":\"101\"}]}");

		assertThatIllegalArgumentException().isThrownBy(() -> BusinessCredentialsLoader.load(path, Map.of()))
			.withMessageContaining("app 101")
			.withMessageContaining("CROSSWALK_APP_101_SECRET");
	}

	@Test
	void aMissingPageTokenNamesThePageAndTheVariable() throws IOException {
		Path path = file("""
				{"business_id":"B1","apps":[{"id":"101","secret":"s3cret-value"}],"pages":[{"id":"201","app_id":"101"}]}
				""");

		assertThatIllegalArgumentException().isThrownBy(() -> BusinessCredentialsLoader.load(path, Map.of()))
			.withMessageContaining("Page 201")
			.withMessageContaining("CROSSWALK_PAGE_201_TOKEN")
			.withMessageNotContaining("s3cret-value");
	}

	@Test
	void refusesAssetsOfAnotherBusiness() throws IOException {
		Path path = file("""
				{"business_id":"B1","apps":[{"id":"101","secret":"s3cret-value","business_id":"B2"}]}
				""");

		assertThatIllegalArgumentException().isThrownBy(() -> BusinessCredentialsLoader.load(path, Map.of()))
			.withMessageContaining("business B2")
			.withMessageNotContaining("s3cret-value");
	}

	@Test
	void refusesAPageWhoseManagingAppIsNotListed() throws IOException {
		Path path = file("""
				{"business_id":"B1","apps":[],"pages":[{"id":"201","app_id":"999","token":"page-token-201"}]}
				""");

		assertThatIllegalArgumentException().isThrownBy(() -> BusinessCredentialsLoader.load(path, Map.of()))
			.withMessageContaining("app 999");
	}

	@Test
	void invalidJsonDoesNotEchoTheContent() throws IOException {
		Path path = file("{\"business_id\":\"B1\",\"apps\":[{\"id\":\"101\",\"secret\":\"s3cret-value\" oops");

		assertThatIllegalArgumentException().isThrownBy(() -> BusinessCredentialsLoader.load(path, Map.of()))
			.withMessageContaining("not valid JSON")
			.withMessageNotContaining("s3cret-value");
	}
}
