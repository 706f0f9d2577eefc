package com.crosswalk.cli;

import com.crosswalk.graph.Redaction;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** An event's stack trace, its messages masked ({@link Redaction}): the log file's. */
public class RedactedStackTrace extends ThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy proxy) {
		return Redaction.redact(super.throwableProxyToString(proxy));
	}
}
