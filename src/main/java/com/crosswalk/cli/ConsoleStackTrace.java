package com.crosswalk.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;

/** The console's stack trace: none unless {@code --debug} asked for them (the log file has them all). */
public class ConsoleStackTrace extends RedactedStackTrace {

	@Override
	public String convert(ILoggingEvent event) {
		return ConsoleLogFilter.stackTracesOnConsole(getContext()) ? super.convert(event) : "";
	}
}
