package com.crosswalk.job;

import java.nio.file.Path;

/**
 * A run on an H2 file stopped between chunks because the file's disk came down to {@code crosswalk.min-free-disk}.
 * Its message is the one line the command prints.
 */
public final class DiskFloorReachedException extends RuntimeException {

	DiskFloorReachedException(Path folder, long freeBytes, long floorBytes, long fileBytes) {
		super("the disk holding the H2 database file in " + folder + " is down to " + H2FileCompaction.readable(freeBytes)
				+ " free, below crosswalk.min-free-disk (" + H2FileCompaction.readable(floorBytes) + "), with the file at "
				+ H2FileCompaction.readable(fileBytes) + ": a run on H2 writes tens of times more to its file than it"
				+ " keeps and gets the space back when the file is compacted, as it is now on the way out. Run the same"
				+ " command again to resume from the last committed chunk; if this comes back, free disk space in "
				+ folder + " or run large inputs on PostgreSQL (--db-url).");
	}
}
