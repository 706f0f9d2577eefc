package com.crosswalk.workers;

/** The broker that carries partitions to workers did not take a request: transient, the same command resumes. */
public class BrokerUnreachableException extends RuntimeException {

	BrokerUnreachableException(String brokerUrl, Throwable cause) {
		super("the broker at " + brokerUrl + " did not take the lookup's partitions (" + cause.getMessage()
				+ "): start it or correct crosswalk.workers.broker-url", cause);
	}
}
