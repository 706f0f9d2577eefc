package com.crosswalk.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

import com.crosswalk.concurrent.DaemonThreads;

/**
 * A local stand-in for the Graph API's ID Matching surface, served over HTTP/1.1 with keep-alive by the JDK's
 * {@link HttpServer} on a fixed pool of worker threads. Start one per test class or per demo run; close it when done.
 */
public final class GraphEmulator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GraphEmulator.class);

	static {
		// The JDK server reads these once per JVM, when its first server starts. Small JSON answers on keep-alive
		// connections stall ~40 ms under Nagle + delayed ACK; and past 200 idle keep-alive connections it closes
		// each connection after its answer, which many concurrent clients would see as resets.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
			System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
		}
	}

	private final HttpServer server;

	private final ThreadPoolExecutor executor;

	private final EmulatorCounters counters;

	private final FaultInjector faults;

	private final UsageLimits limits;

	private final ReviewBoard reviews;

	private final String baseUrl;

	private GraphEmulator(Fixture fixture, EmulatorConfig config) throws IOException {
		this.counters = new EmulatorCounters(config.callLogCapacity());
		this.faults = new FaultInjector(config.faults());
		this.limits = new UsageLimits(config);
		this.reviews = new ReviewBoard(fixture, config);
		InetAddress address = InetAddress.getByName(config.bindAddress());
		this.server = HttpServer.create(new InetSocketAddress(address, config.port()), 1024);
		String host = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
				: address.getHostAddress();
		if (host.contains(":")) {
			host = "[" + host + "]";
		}
		this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
		GraphService calls = new GraphService(fixture, config, reviews, limits, counters, () -> baseUrl);
		server.createContext("/", new GraphHttpHandler(new GraphRouter(calls, faults), faults, counters,
				config.latency()));
		server.createContext(AdminHandler.PREFIX, new AdminHandler(counters, this::resetCounters, reviews));
		this.executor = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), DaemonThreads.numbered("graph-emulator"));
		executor.allowCoreThreadTimeOut(true);
		server.setExecutor(executor);
	}

	/** Binds and starts serving; the fixture is shared, not copied. */
	public static GraphEmulator start(Fixture fixture, EmulatorConfig config) {
		try {
			GraphEmulator emulator = new GraphEmulator(fixture, config);
			emulator.server.start();
			log.info("Graph API emulator listening on {} ({} persons)", emulator.baseUrl, fixture.personCount());
			return emulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the Graph API emulator on " + config.bindAddress() + ":"
					+ config.port(), ex);
		}
	}

	/** e.g. {@code http://127.0.0.1:43817}; append {@code /v26.0/...}. */
	public String baseUrl() {
		return baseUrl;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public EmulatorCounters counters() {
		return counters;
	}

	/** Clears the counters and call logs, and empties every rate-limit window. */
	public void resetCounters() {
		counters.reset();
		limits.reset();
	}

	/** Replaces the fault settings from the next request on; the fault sequence restarts. */
	public void updateFaults(FaultSettings settings) {
		faults.update(settings);
	}

	public FaultSettings faults() {
		return faults.settings();
	}

	/** Sets the review of a business or app, e.g. to approve a pending one mid-test. */
	public void updateReview(String businessOrAppId, Fixture.Review review) {
		reviews.set(businessOrAppId, review);
	}

	public Fixture.Review review(String businessOrAppId) {
		return reviews.get(businessOrAppId);
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}
}
