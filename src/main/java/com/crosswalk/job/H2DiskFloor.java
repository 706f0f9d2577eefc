package com.crosswalk.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import org.springframework.util.unit.DataSize;

/**
 * The free space a run on an embedded H2 file leaves on the file's disk ({@code crosswalk.min-free-disk}). H2 writes
 * every commit to fresh space and gives nearly all of it back only when the file is compacted at the end of a run
 * (a million-ID run: 33 GB written for 450 MB kept), so on a disk too small for that a run would die in the middle of
 * a write, with an I/O error and a file left at its largest. Checked before each chunk, the floor stops the run
 * between chunks instead: the command then compacts the file on its way out, which gives the space back, and the
 * same command resumes from the last committed chunk. Other databases keep their files elsewhere: no floor.
 */
final class H2DiskFloor {

	/** Not an embedded H2 file: nothing to check. */
	private static final H2DiskFloor NONE = new H2DiskFloor(Path.of("."), 0, folder -> Long.MAX_VALUE);

	private final Path file;

	/** The folder holding the file: the disk whose free space counts. */
	private final Path folder;

	private final long floorBytes;

	private final ToLongFunction<Path> usableSpace;

	H2DiskFloor(Path file, long floorBytes, ToLongFunction<Path> usableSpace) {
		this.file = file;
		Path absolute = file.toAbsolutePath();
		this.folder = absolute.getParent() == null ? absolute : absolute.getParent();
		this.floorBytes = floorBytes;
		this.usableSpace = usableSpace;
	}

	/** The floor for the pool's database: none unless it is an H2 file only this process opens. */
	static H2DiskFloor of(DataSource dataSource, DataSize floor) {
		return H2FileCompaction.of(dataSource)
			.map(compaction -> new H2DiskFloor(compaction.file(), floor.toBytes(), new DiskOf()))
			.orElse(NONE);
	}

	/** @throws DiskFloorReachedException when the disk under the H2 file has less free than the floor */
	void ensureRoom() {
		if (floorBytes <= 0) {
			return;
		}
		long free = usableSpace.applyAsLong(folder);
		if (free < floorBytes) {
			throw new DiskFloorReachedException(folder, free, floorBytes, H2FileCompaction.sizeOf(file));
		}
	}

	/** The usable space of the folder's disk; the disk is looked up once (on Linux that reads the mount table). */
	private static final class DiskOf implements ToLongFunction<Path> {

		private FileStore store;

		@Override
		public synchronized long applyAsLong(Path folder) {
			try {
				if (store == null) {
					store = Files.getFileStore(folder);
				}
				return store.getUsableSpace();
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot tell the free space of " + folder + ": " + e.getMessage(), e);
			}
		}
	}
}
