package com.crosswalk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.crosswalk.support.TestDatabase;

class BenchDatabaseTest {

	@TempDir
	Path dir;

	@Test
	void aFreshH2ScenarioDoesNotReuseTheDatabaseAnEarlierBenchLeft() throws Exception {
		Path scenario = dir.resolve("s1");
		Path old = Files.createDirectories(scenario.resolve("db")).resolve("crosswalk.mv.db");
		Files.writeString(old, "an earlier run");

		assertThat(BenchDatabase.h2().jobOptions(scenario, false)).containsExactly("--db-url",
				"jdbc:h2:file:" + scenario.resolve("db").toAbsolutePath().resolve("crosswalk"));
		assertThat(old).as("a re-run keeps it").exists();

		BenchDatabase.h2().jobOptions(scenario, true);
		assertThat(old).as("a fresh scenario starts empty").doesNotExist();
	}

	@Test
	void onPostgresEachScenarioHasADatabaseOfItsOwnOnTheSameServer() throws Exception {
		BenchDatabase postgres = BenchDatabase.postgres("jdbc:postgresql://db.example:5432/postgres?sslmode=require",
				"bench");

		assertThat(postgres.jobOptions(dir.resolve("s3"), false)).containsExactly("--db-url",
				"jdbc:postgresql://db.example:5432/crosswalk_bench_s3?sslmode=require", "--db-user", "bench");
		assertThat(postgres.label()).isEqualTo("PostgreSQL at db.example:5432");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchDatabase.postgres("jdbc:h2:mem:x", null));
	}

	@Test
	void theResultsNameThePostgresServersVersionAndTheSettingsThatMoveTheFigures() {
		TestDatabase server = TestDatabase.postgres();

		String description = BenchDatabase.postgres(server.url(), server.user()).description();

		assertThat(description).startsWith("PostgreSQL at ").contains("(PostgreSQL 1", "shared_buffers ",
				"max_wal_size ", "fsync ", "synchronous_commit ");
		assertThat(BenchDatabase.h2().description()).isEqualTo("H2 file (embedded default)");
	}
}
