package com.crosswalk.job;

import java.nio.file.Path;

import com.crosswalk.support.TestDatabase;

class ReviewRecheckH2Tests extends ReviewRecheckContract {

	@Override
	TestDatabase newDatabase(Path dir) {
		return TestDatabase.h2(dir);
	}
}
