package com.crosswalk.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * The progress line of a phase of work: done out of total (when known), rate and ETA, logged at most every few
 * seconds. The one place that words progress, for the steps' listeners and for work inside a single step (the merge).
 */
public final class ProgressMeter {

	private final Logger log;

	private final String phase;

	private final String unit;

	private final LongSupplier total;

	private final long logEveryNanos;

	private final long startNanos;

	private long lastLog;

	/**
	 * @param log the logger of the work that progresses, so a line names its step
	 * @param total the work to do, or a negative number when it is not known
	 */
	public ProgressMeter(Logger log, String phase, String unit, long total, Duration logEvery) {
		this(log, phase, unit, () -> total, logEvery);
	}

	/** @param total the work to do as estimated now (asked for each line), negative when not known */
	public ProgressMeter(Logger log, String phase, String unit, LongSupplier total, Duration logEvery) {
		this.log = log;
		this.phase = phase;
		this.unit = unit;
		this.total = total;
		this.logEveryNanos = logEvery.toNanos();
		this.startNanos = System.nanoTime();
		this.lastLog = startNanos;
	}

	/** Logs the line if the last one is old enough. */
	public void update(long done) {
		long now = System.nanoTime();
		if (now - lastLog >= logEveryNanos) {
			lastLog = now;
			log.info(line(done, now));
		}
	}

	/** Logs the final line, whenever the last one was. */
	public void finish(long done) {
		log.info(line(done, System.nanoTime()));
	}

	public String line(long done) {
		return line(done, System.nanoTime());
	}

	private String line(long done, long now) {
		long total = this.total.getAsLong();
		double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
		double rate = done / seconds;
		if (total <= 0) {
			return String.format(Locale.ROOT, "%s: %,d %s, %,.0f/s", phase, done, unit, rate);
		}
		double share = Math.min(1.0, (double) done / total);
		long etaSeconds = rate > 0 ? Math.round(Math.max(0, total - done) / rate) : -1;
		int filled = (int) Math.round(share * 30);
		return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d/%,d %s, %,.0f/s, ETA %s", phase, "#".repeat(filled),
				".".repeat(30 - filled), share * 100, done, total, unit, rate,
				etaSeconds < 0 ? "?" : Duration.ofSeconds(etaSeconds).toString().substring(2).toLowerCase(Locale.ROOT));
	}
}
