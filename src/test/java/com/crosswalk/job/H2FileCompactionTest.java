package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

class H2FileCompactionTest {

	@TempDir
	Path tmp;

	@Test
	void aFileLeftWithMostlyDeadSpaceShrinksAndKeepsItsRows() throws Exception {
		String url = "jdbc:h2:file:" + tmp.resolve("db/crosswalk");
		H2FileCompaction compaction;
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(url);
			pool.setUsername("sa");
			pool.setPassword("");
			// what a lookup does to H2: many small commits of random keys, each rewriting the pages it touched
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			jdbc.execute("CREATE TABLE t (k VARCHAR(40) PRIMARY KEY, v VARCHAR(200))");
			for (int commit = 0; commit < 200; commit++) {
				jdbc.batchUpdate("INSERT INTO t VALUES (?, ?)", java.util.stream.IntStream.range(0, 200)
					.mapToObj(i -> new Object[] { UUID.randomUUID().toString(), "x".repeat(150) })
					.toList());
			}
			compaction = H2FileCompaction.of(pool).orElseThrow();
		}
		long rows = new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).queryForObject("SELECT COUNT(*) FROM t",
				Long.class);

		H2FileCompaction.Sizes sizes = compaction.compact();

		assertThat(compaction.file()).isEqualTo(tmp.resolve("db/crosswalk.mv.db"));
		assertThat(sizes.before()).isPositive();
		assertThat(sizes.after()).as("bytes after compaction, of %,d before", sizes.before())
			.isLessThan(sizes.before() / 2)
			.isEqualTo(Files.size(compaction.file()));
		assertThat(new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).queryForObject("SELECT COUNT(*) FROM t",
				Long.class)).isEqualTo(rows).isEqualTo(40_000);
	}

	@Test
	void sizesReadAsAPersonWouldWriteThem() {
		assertThat(new H2FileCompaction.Sizes(4_493_963_264L, 96_776_192L)).hasToString("4.2 GB -> 92 MB");
		assertThat(new H2FileCompaction.Sizes(20_480, 512)).hasToString("20 KB -> 512 bytes");
	}

	@Test
	void onlyAnEmbeddedH2FileIsCompacted() {
		assertThat(H2FileCompaction.fileOf("jdbc:h2:file:./data/crosswalk")).contains(Path.of("./data/crosswalk.mv.db"));
		assertThat(H2FileCompaction.fileOf("jdbc:h2:/var/cw/db;MODE=PostgreSQL"))
			.contains(Path.of("/var/cw/db.mv.db"));
		assertThat(H2FileCompaction.fileOf("jdbc:h2:~/cw")).contains(Path.of(System.getProperty("user.home") + "/cw.mv.db"));
		assertThat(H2FileCompaction.fileOf("jdbc:h2:mem:test")).isEmpty();
		assertThat(H2FileCompaction.fileOf("jdbc:h2:tcp://db.example/cw")).isEmpty();
		assertThat(H2FileCompaction.fileOf("jdbc:h2:file:./cw;AUTO_SERVER=TRUE")).as("other processes may be connected")
			.isEmpty();
		assertThat(H2FileCompaction.fileOf("jdbc:postgresql://localhost/cw")).isEmpty();
		assertThat(H2FileCompaction.of(new DriverManagerDataSource("jdbc:h2:file:./x"))).as("not a pool we know")
			.isEmpty();
	}
}
