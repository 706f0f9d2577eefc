package com.crosswalk.job;

import java.nio.file.Path;

import com.crosswalk.support.TestDatabase;

class ReviewRecheckPostgresTests extends ReviewRecheckContract {

	@Override
	TestDatabase newDatabase(Path dir) {
		return TestDatabase.postgres();
	}
}
