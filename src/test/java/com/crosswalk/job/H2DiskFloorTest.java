package com.crosswalk.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import com.zaxxer.hikari.HikariDataSource;

class H2DiskFloorTest {

	private static final long GB = 1L << 30;

	@TempDir
	Path tmp;

	@Test
	void stopsWhenTheDiskHasLessFreeThanTheFloorAndSaysWhereAndHowMuch() throws Exception {
		Path file = Files.write(tmp.resolve("crosswalk.mv.db"), new byte[3 * 1024 * 1024]);
		H2DiskFloor floor = new H2DiskFloor(file, GB, folder -> GB - 1);

		assertThatThrownBy(floor::ensureRoom).isInstanceOf(DiskFloorReachedException.class)
			.hasMessageStartingWith("the disk holding the H2 database file in " + tmp)
			.hasMessageContaining("is down to 1024 MB free, below crosswalk.min-free-disk (1.0 GB), with the file at"
					+ " 3.0 MB")
			.hasMessageContaining("Run the same command again to resume from the last committed chunk");
	}

	@Test
	void goesOnWhileTheDiskKeepsTheFloor() {
		H2DiskFloor floor = new H2DiskFloor(tmp.resolve("crosswalk.mv.db"), GB, folder -> GB);

		assertThatCode(floor::ensureRoom).doesNotThrowAnyException();
	}

	@Test
	void aFloorOfZeroTurnsTheCheckOff() {
		H2DiskFloor floor = new H2DiskFloor(tmp.resolve("crosswalk.mv.db"), 0, folder -> {
			throw new AssertionError("a floor of 0 asks the disk nothing");
		});

		assertThatCode(floor::ensureRoom).doesNotThrowAnyException();
	}

	@Test
	void asksTheDiskOfTheH2FilesFolder() {
		Path[] asked = new Path[1];
		new H2DiskFloor(tmp.resolve("crosswalk.mv.db"), 1, folder -> {
			asked[0] = folder;
			return 1;
		}).ensureRoom();

		assertThat(asked[0]).isEqualTo(tmp.toAbsolutePath());
	}

	@Test
	void onlyAnEmbeddedH2FileHasAFloor() {
		try (HikariDataSource h2 = hikari("jdbc:h2:file:" + tmp.resolve("crosswalk"));
				HikariDataSource postgres = hikari("jdbc:postgresql://localhost:5432/crosswalk");
				HikariDataSource inMemory = hikari("jdbc:h2:mem:crosswalk")) {
			DataSize everything = DataSize.ofTerabytes(1_000_000);

			assertThatThrownBy(() -> H2DiskFloor.of(h2, everything).ensureRoom())
				.isInstanceOf(DiskFloorReachedException.class);
			assertThatCode(() -> H2DiskFloor.of(postgres, everything).ensureRoom()).doesNotThrowAnyException();
			assertThatCode(() -> H2DiskFloor.of(inMemory, everything).ensureRoom()).doesNotThrowAnyException();
			assertThatCode(() -> H2DiskFloor.of(new DriverManagerDataSource("jdbc:h2:file:" + tmp), everything)
				.ensureRoom()).doesNotThrowAnyException();
		}
	}

	/** A pool that has not connected: it only names its database. */
	private static HikariDataSource hikari(String url) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		return dataSource;
	}
}
