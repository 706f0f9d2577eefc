package com.crosswalk.config;

/** Configuration the job cannot start with; the message says what to fix. Exit code 2. */
public class ConfigException extends RuntimeException {

	public ConfigException(String message) {
		super(message);
	}
}
