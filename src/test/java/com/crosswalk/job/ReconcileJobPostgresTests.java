package com.crosswalk.job;

import java.nio.file.Path;

import com.crosswalk.support.TestDatabase;

class ReconcileJobPostgresTests extends ReconcileJobContract {

	@Override
	TestDatabase newDatabase(Path dir) {
		return TestDatabase.postgres();
	}
}
