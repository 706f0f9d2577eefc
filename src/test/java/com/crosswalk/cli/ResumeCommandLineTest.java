package com.crosswalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The resume command status prints: the database options it was given, quoted for a shell, never a password. */
class ResumeCommandLineTest {

	private static final Options.Grammar STATUS = Options.Grammar.of("status", Set.of("limit", "db-url", "db-user"));

	@Test
	void carriesTheDatabaseOptionsAndNoPassword() {
		Options options = Options.parse(new String[] { "--db-url", "jdbc:postgresql://db.example:5432/crosswalk",
				"--db-user", "crosswalk", "--limit", "3", "--spring.datasource.password=s3cret" }, STATUS);

		assertThat(ResumeCommandLine.of(options))
			.isEqualTo("./run.sh resume --db-url jdbc:postgresql://db.example:5432/crosswalk --db-user crosswalk");
	}

	@Test
	void quotesWhatAShellWouldSplitOrInterpret() {
		Options options = Options.parse(new String[] { "--db-url", "jdbc:h2:file:/srv/my data/cw;AUTO_SERVER=TRUE",
				"--spring.datasource.username=o'neil" }, STATUS);

		assertThat(ResumeCommandLine.of(options)).isEqualTo("./run.sh resume --db-url"
				+ " 'jdbc:h2:file:/srv/my data/cw;AUTO_SERVER=TRUE' '--spring.datasource.username=o'\\''neil'");
	}

	@Test
	void withoutDatabaseOptionsItIsTheBareCommand() {
		assertThat(ResumeCommandLine.of(Options.parse(new String[0], STATUS))).isEqualTo("./run.sh resume");
	}
}
