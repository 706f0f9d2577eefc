package com.crosswalk.cli;

import java.io.PrintStream;
import java.net.ConnectException;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import com.crosswalk.config.ConfigException;
import com.crosswalk.config.InvalidSetting;
import com.crosswalk.graph.GraphUnreachableException;
import com.crosswalk.graph.Redaction;
import com.crosswalk.input.InputFormatException;
import com.crosswalk.job.DiskFloorReachedException;
import com.crosswalk.job.RunLock;
import com.crosswalk.job.StagedInputLostException;
import com.crosswalk.workers.BrokerUnreachableException;
import com.crosswalk.workers.WorkerStoppedException;

/**
 * Turns what stopped a command into one line that says what to fix, and the exit code: a person reads this at
 * 3 a.m., so no bare stack traces.
 */
final class StartupFailure {

	private StartupFailure() {
	}

	private static final Logger log = LoggerFactory.getLogger(StartupFailure.class);

	static int report(Throwable failure, PrintStream err) {
		return report(failure, null, err);
	}

	/** @param step the job step the failure ended, named in the line of a failure that depends on where it struck */
	static int report(Throwable failure, String step, PrintStream err) {
		String line = "crosswalk: " + describe(failure, step);
		err.println(line);
		log.error(ConsoleLogFilter.FILE_ONLY, line, failure);
		return isConfiguration(failure) ? ExitCode.BAD_CONFIGURATION : ExitCode.FAILED;
	}

	static String describe(Throwable failure) {
		return describe(failure, null);
	}

	private static String describe(Throwable failure, String step) {
		OutOfMemoryError memory = find(failure, OutOfMemoryError.class);
		if (memory != null) {
			return outOfMemory(memory, step);
		}
		RunLock.RunLockLostException lockLost = find(failure, RunLock.RunLockLostException.class);
		if (lockLost != null) {
			return lockLost.getMessage();
		}
		DiskFloorReachedException disk = find(failure, DiskFloorReachedException.class);
		if (disk != null) {
			return disk.getMessage();
		}
		ConfigException config = find(failure, ConfigException.class);
		if (config != null) {
			return config.getMessage();
		}
		InputFormatException input = find(failure, InputFormatException.class);
		if (input != null) {
			return input.getMessage();
		}
		RunLock.RunLockedException locked = find(failure, RunLock.RunLockedException.class);
		if (locked != null) {
			return locked.getMessage();
		}
		GraphUnreachableException unreachable = find(failure, GraphUnreachableException.class);
		if (unreachable != null) {
			return unreachable.getMessage() + ": a transient failure, nothing to fix in the configuration; run the"
					+ " same command again later (exit code 1)";
		}
		StagedInputLostException lost = find(failure, StagedInputLostException.class);
		if (lost != null) {
			return lost.getMessage();
		}
		WorkerStoppedException stopped = find(failure, WorkerStoppedException.class);
		if (stopped != null) {
			return stopped.getMessage();
		}
		BrokerUnreachableException broker = find(failure, BrokerUnreachableException.class);
		if (broker != null) {
			return broker.getMessage();
		}
		BindValidationException invalid = find(failure, BindValidationException.class);
		if (invalid != null) {
			return InvalidSetting.describe(invalid);
		}
		BindException bind = find(failure, BindException.class);
		if (bind != null) {
			return InvalidSetting.describe(bind, rootMessage(bind));
		}
		if (isDatabaseUnreachable(failure)) {
			return "cannot connect to the database (" + rootMessage(failure)
					+ "). Check --db-url / spring.datasource.url, the user and SPRING_DATASOURCE_PASSWORD, and that the"
					+ " server is up. An H2 file database can be open in only one process: is another run using it?";
		}
		IllegalArgumentException illegal = find(failure, IllegalArgumentException.class);
		if (illegal != null && illegal.getMessage() != null) {
			return Redaction.redact(illegal.getMessage());
		}
		return "unexpected failure: " + failure.getClass().getSimpleName() + ": " + rootMessage(failure);
	}

	private static boolean isConfiguration(Throwable failure) {
		if (find(failure, GraphUnreachableException.class) != null) {
			return false;
		}
		return find(failure, ConfigException.class) != null || find(failure, InputFormatException.class) != null
				|| find(failure, BindException.class) != null || find(failure, StagedInputLostException.class) != null
				|| isDatabaseUnreachable(failure)
				|| (find(failure, IllegalArgumentException.class) != null
						&& find(failure, RunLock.RunLockedException.class) == null);
	}

	/** A failure inside the job that no retry can cure: the input file or the configuration must change. */
	static boolean isBadInputOrConfiguration(Throwable failure) {
		return find(failure, InputFormatException.class) != null || find(failure, ConfigException.class) != null;
	}

	/**
	 * A failure inside the job that {@link #describe} says all about in one line: bad input or configuration, a run
	 * lock another process took over, a heap too small, a disk too full for H2 to go on.
	 */
	static boolean isExpected(Throwable failure) {
		return isBadInputOrConfiguration(failure) || find(failure, RunLock.RunLockLostException.class) != null
				|| find(failure, OutOfMemoryError.class) != null
				|| find(failure, DiskFloorReachedException.class) != null;
	}

	private static String outOfMemory(OutOfMemoryError memory, String step) {
		long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
		return "out of memory" + (step == null ? "" : " in " + step) + " ("
				+ (memory.getMessage() == null ? "OutOfMemoryError" : memory.getMessage()) + ", heap " + heapMb
				+ " MB): give the JVM more heap, e.g. CROSSWALK_JAVA_OPTS=-Xmx" + Math.max(1, heapMb * 2 / 1024)
				+ "g ./run.sh ..., then run the same command again to resume from the last committed chunk.";
	}

	private static boolean isDatabaseUnreachable(Throwable failure) {
		if (find(failure, CannotGetJdbcConnectionException.class) != null || find(failure, ConnectException.class) != null) {
			return true;
		}
		SQLException sql = find(failure, SQLException.class);
		return sql != null && sql.getSQLState() != null
				&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
						|| "90020".equals(sql.getSQLState()));
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
		return Redaction.redact(message.lines().findFirst().orElse(message));
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}
}
