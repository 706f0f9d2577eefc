package com.crosswalk.lookup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One recording of answers at a time ({@link OutcomeRecorder}): an answer moves the IDs it names in other scopes and
 * clears their reports, so two recordings at once lock each other's staged rows in opposite orders (measured: a
 * deadlock in every run). Partitions in this JVM take a lock of the JVM; workers in other JVMs also take a
 * PostgreSQL advisory lock, which the database frees when a killed worker's connection goes.
 */
public final class RecordingLock {

	/** The advisory lock's key: "cw" and 1, the only one Crosswalk takes. */
	private static final long ADVISORY_KEY = 0x6377_0001L;

	private final ReentrantLock inProcess = new ReentrantLock();

	private final DataSource acrossProcesses;

	private RecordingLock(DataSource acrossProcesses) {
		this.acrossProcesses = acrossProcesses;
	}

	/** For partitions that all run in this JVM. */
	public static RecordingLock inProcess() {
		return new RecordingLock(null);
	}

	/** For partitions that run in worker JVMs sharing one PostgreSQL database. */
	public static RecordingLock acrossProcesses(DataSource postgres) {
		return new RecordingLock(postgres);
	}

	<T> T holding(Supplier<T> recording) {
		inProcess.lock();
		try {
			if (acrossProcesses == null) {
				return recording.get();
			}
			try (Connection connection = acrossProcesses.getConnection()) {
				advisory(connection, "SELECT pg_advisory_lock(?)");
				try {
					return recording.get();
				}
				finally {
					advisory(connection, "SELECT pg_advisory_unlock(?)");
				}
			}
			catch (SQLException ex) {
				throw new DataAccessResourceFailureException("Could not take the recording lock: " + ex.getMessage(),
						ex);
			}
		}
		finally {
			inProcess.unlock();
		}
	}

	private static void advisory(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, ADVISORY_KEY);
			statement.execute();
		}
	}
}
