package com.crosswalk.cli;

import com.crosswalk.graph.Redaction;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The log message with tokens, proofs and passwords masked ({@link Redaction}). */
public class RedactedMessage extends ClassicConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return Redaction.redact(event.getFormattedMessage());
	}
}
