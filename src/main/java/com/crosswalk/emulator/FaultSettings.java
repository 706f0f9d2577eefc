package com.crosswalk.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How often the emulator misbehaves on purpose. Each probability is in [0, 1] and is rolled independently; the
 * rolls are derived from {@code seed} and a request sequence number, so a given seed produces the same sequence of
 * fault decisions for the same sequence of requests.
 *
 * @param serverError an HTTP 500 with error code 1 or 2 and {@code is_transient:true} (per call; per item in a batch)
 * @param slow the answer is held back for {@code slowDelay} before it is sent (per HTTP request)
 * @param droppedConnection the connection is closed without any answer (per HTTP request)
 * @param htmlPage an HTML error page with HTTP 502 instead of JSON (per HTTP request)
 * @param truncatedJson a 200 whose JSON body is cut in half (per HTTP request)
 * @param nullBatchItem a batch item answered with {@code null}, as when Graph times out on it (per batch item)
 * @param slowDelay how long a slow answer is held back
 * @param seed the seed of every roll
 * @param errors Graph errors answered on demand, not at random; the first that matches a call answers it
 */
public record FaultSettings(double serverError, double slow, double droppedConnection, double htmlPage,
		double truncatedJson, double nullBatchItem, Duration slowDelay, long seed, List<ErrorFault> errors) {

	public FaultSettings(double serverError, double slow, double droppedConnection, double htmlPage,
			double truncatedJson, double nullBatchItem, Duration slowDelay, long seed) {
		this(serverError, slow, droppedConnection, htmlPage, truncatedJson, nullBatchItem, slowDelay, seed, List.of());
	}

	public FaultSettings {
		requireProbability("serverError", serverError);
		requireProbability("slow", slow);
		requireProbability("droppedConnection", droppedConnection);
		requireProbability("htmlPage", htmlPage);
		requireProbability("truncatedJson", truncatedJson);
		requireProbability("nullBatchItem", nullBatchItem);
		Objects.requireNonNull(slowDelay, "slowDelay");
		if (slowDelay.isNegative()) {
			throw new IllegalArgumentException("slowDelay must not be negative");
		}
		errors = List.copyOf(errors);
	}

	/** No faults at all (the default). */
	public static FaultSettings none() {
		return new FaultSettings(0, 0, 0, 0, 0, 0, Duration.ofSeconds(2), 42L);
	}

	/** Every fault kind with the same probability; used by the CLI's {@code --fault-rate}. */
	public static FaultSettings uniform(double probability, long seed) {
		return new FaultSettings(probability, probability, probability, probability, probability, probability,
				Duration.ofSeconds(2), seed);
	}

	public boolean any() {
		return serverError > 0 || slow > 0 || droppedConnection > 0 || htmlPage > 0 || truncatedJson > 0
				|| nullBatchItem > 0 || !errors.isEmpty();
	}

	/** These settings plus one more error answered on demand. */
	public FaultSettings withError(ErrorFault error) {
		List<ErrorFault> more = new ArrayList<>(errors);
		more.add(error);
		return new FaultSettings(serverError, slow, droppedConnection, htmlPage, truncatedJson, nullBatchItem,
				slowDelay, seed, more);
	}

	public FaultSettings withServerError(double probability) {
		return new FaultSettings(probability, slow, droppedConnection, htmlPage, truncatedJson, nullBatchItem,
				slowDelay, seed, errors);
	}

	public FaultSettings withSlow(double probability, Duration delay) {
		return new FaultSettings(serverError, probability, droppedConnection, htmlPage, truncatedJson, nullBatchItem,
				delay, seed, errors);
	}

	public FaultSettings withDroppedConnection(double probability) {
		return new FaultSettings(serverError, slow, probability, htmlPage, truncatedJson, nullBatchItem, slowDelay,
				seed, errors);
	}

	public FaultSettings withHtmlPage(double probability) {
		return new FaultSettings(serverError, slow, droppedConnection, probability, truncatedJson, nullBatchItem,
				slowDelay, seed, errors);
	}

	public FaultSettings withTruncatedJson(double probability) {
		return new FaultSettings(serverError, slow, droppedConnection, htmlPage, probability, nullBatchItem, slowDelay,
				seed, errors);
	}

	public FaultSettings withNullBatchItem(double probability) {
		return new FaultSettings(serverError, slow, droppedConnection, htmlPage, truncatedJson, probability, slowDelay,
				seed, errors);
	}

	public FaultSettings withSeed(long newSeed) {
		return new FaultSettings(serverError, slow, droppedConnection, htmlPage, truncatedJson, nullBatchItem,
				slowDelay, newSeed, errors);
	}

	private static void requireProbability(String name, double value) {
		if (!(value >= 0 && value <= 1)) {
			throw new IllegalArgumentException(name + " must be a probability in [0, 1], was " + value);
		}
	}
}
