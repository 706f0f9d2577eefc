package com.crosswalk.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The review state of every business and app for ID Matching, which can change while the emulator runs: a pending
 * review ends at its {@code pending_until}, a first call may start one, and tests may set one.
 */
final class ReviewBoard {

	private final Map<String, Fixture.Review> reviews = new ConcurrentHashMap<>();

	/** The fixture's businesses and apps: the IDs a review can be set for. */
	private final Set<String> known = new HashSet<>();

	private final Clock clock;

	private final Duration reviewLength;

	private final boolean firstCallStartsReview;

	ReviewBoard(Fixture fixture, EmulatorConfig config) {
		this.clock = config.clock();
		this.reviewLength = config.reviewLength();
		this.firstCallStartsReview = config.firstCallStartsReview();
		fixture.businesses().forEach(b -> reviews.put(b.id(), b.review()));
		fixture.apps().stream().filter(a -> a.review() != null).forEach(a -> reviews.put(a.id(), a.review()));
		fixture.businesses().forEach(b -> known.add(b.id()));
		fixture.apps().forEach(a -> known.add(a.id()));
	}

	/** Whether the fixture has this business or app. */
	boolean knows(String businessOrAppId) {
		return known.contains(businessOrAppId);
	}

	/** Replaces the review of a business or app. */
	void set(String businessOrAppId, Fixture.Review review) {
		reviews.put(businessOrAppId, review);
	}

	Fixture.Review get(String businessOrAppId) {
		return reviews.getOrDefault(businessOrAppId, Fixture.Review.APPROVED);
	}

	/** Throws #200 when the token's app or its business is under review; may start a review on a first call. */
	void requireAccess(TokenGrant grant) {
		Instant now = clock.instant();
		check(grant.app().id(), now);
		check(grant.businessId(), now);
	}

	private void check(String id, Instant now) {
		Fixture.Review review = reviews.get(id);
		if (review == null) {
			return;
		}
		if (review.state() == Fixture.ReviewState.NOT_REQUESTED && firstCallStartsReview) {
			Fixture.Review started = new Fixture.Review(Fixture.ReviewState.PENDING, now.plus(reviewLength),
					review.message());
			review = reviews.merge(id, started, (current, candidate) -> current.state() == Fixture.ReviewState.NOT_REQUESTED
					? candidate : current);
		}
		if (review.state() == Fixture.ReviewState.PENDING
				&& (review.pendingUntil() == null || now.isBefore(review.pendingUntil()))) {
			throw GraphError.underReview(review.message()).exception();
		}
	}
}
