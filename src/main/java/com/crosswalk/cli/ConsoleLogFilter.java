package com.crosswalk.cli;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the frameworks' failure reports off the console: an event that carries an exception and comes from outside
 * crosswalk (Spring Batch logs every failed step with its stack trace at ERROR) goes to the log file only, and the
 * command prints the one line that says what to fix. With {@code --debug} the console gets everything.
 */
public class ConsoleLogFilter extends Filter<ILoggingEvent> {

	static final String STACK_TRACES = "CONSOLE_STACK_TRACES";

	/** For the log file only: what the command has printed already, with the stack trace behind it. */
	static final Marker FILE_ONLY = MarkerFactory.getMarker("FILE_ONLY");

	@Override
	public FilterReply decide(ILoggingEvent event) {
		if (event.getMarkerList() != null && event.getMarkerList().contains(FILE_ONLY)) {
			return FilterReply.DENY;
		}
		if (stackTracesOnConsole(getContext()) || event.getThrowableProxy() == null
				|| event.getLoggerName().startsWith("com.crosswalk.")) {
			return FilterReply.NEUTRAL;
		}
		return FilterReply.DENY;
	}

	/** Set by {@code --debug} (logging.console.stack-traces, read into the logback context by logback-spring.xml). */
	static boolean stackTracesOnConsole(Context context) {
		return Boolean.parseBoolean(context.getProperty(STACK_TRACES));
	}
}
