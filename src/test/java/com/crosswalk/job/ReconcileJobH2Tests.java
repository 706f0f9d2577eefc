package com.crosswalk.job;

import java.nio.file.Path;

import com.crosswalk.support.TestDatabase;

class ReconcileJobH2Tests extends ReconcileJobContract {

	@Override
	TestDatabase newDatabase(Path dir) {
		return TestDatabase.h2(dir);
	}
}
