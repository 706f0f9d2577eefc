package com.crosswalk.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.crosswalk.support.TestDatabase;

/** A side write commits on a connection of its own, before the caller's transaction, which waits for it. */
class SideTransactionsTest {

	@TempDir
	Path dir;

	JdbcTemplate jdbc;

	/** On a data source of its own, so never on the caller's transaction: sees committed rows only. */
	JdbcTemplate outside;

	TransactionTemplate caller;

	SideTransactions sides;

	@BeforeEach
	void tables() {
		TestDatabase database = TestDatabase.h2(dir);
		DataSource dataSource = database.dataSource();
		jdbc = new JdbcTemplate(dataSource);
		outside = new JdbcTemplate(database.dataSource());
		jdbc.execute("CREATE TABLE checkpoint (k VARCHAR(10) PRIMARY KEY)");
		jdbc.execute("CREATE TABLE side (k VARCHAR(10) PRIMARY KEY)");
		DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
		caller = new TransactionTemplate(tm);
		sides = new SideTransactions(tm);
	}

	@AfterEach
	void close() {
		sides.close();
	}

	@Test
	void aJoinedSideWriteHasCommittedWhileTheCallersTransactionHasNot() {
		assertThatThrownBy(() -> caller.executeWithoutResult(tx -> {
			jdbc.update("INSERT INTO checkpoint VALUES ('c')");
			try (SideTransactions.Write written = sides.start(() -> jdbc.update("INSERT INTO side VALUES ('s')"))) {
				written.join();
			}
			assertThat(committedRows("side")).as("seen from another connection once joined").isEqualTo(1);
			assertThat(committedRows("checkpoint")).isZero();
			throw new IllegalStateException("the caller fails before its commit");
		})).hasMessage("the caller fails before its commit");

		assertThat(count("checkpoint")).isZero();
		assertThat(count("side")).as("done again after a restart, so it may stay").isEqualTo(1);
	}

	@Test
	void aFailedSideWriteFailsTheJoinAndLeavesNothingOfItsTransaction() {
		try (SideTransactions.Write written = sides.start(() -> {
			jdbc.update("INSERT INTO side VALUES ('s')");
			jdbc.update("INSERT INTO missing VALUES ('x')");
		})) {
			assertThatThrownBy(written::join).hasMessageContaining("INSERT INTO missing");
		}

		assertThat(count("side")).as("rolled back with the statement that failed").isZero();
	}

	@Test
	void closingWaitsForAWriteACallerThatFailedNeverJoined() {
		CountDownLatch callerFailed = new CountDownLatch(1);
		assertThatThrownBy(() -> {
			try (SideTransactions.Write written = sides.start(() -> {
				await(callerFailed);
				jdbc.update("INSERT INTO side VALUES ('late')");
			})) {
				callerFailed.countDown();
				throw new IllegalStateException("the caller's own statement failed");
			}
		}).hasMessage("the caller's own statement failed");

		assertThat(count("side")).as("no write outlives the caller").isEqualTo(1);
	}

	private long committedRows(String table) {
		return outside.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	private long count(String table) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the latch was never released");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
