package com.crosswalk.workers;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An ActiveMQ Artemis broker inside the manager, for workers on this machine: localhost only, nothing persisted (a
 * request lost with the manager is sent again when the run resumes, since the job repository is the record).
 */
final class EmbeddedBroker implements AutoCloseable {

	private final EmbeddedActiveMQ server;

	private EmbeddedBroker(EmbeddedActiveMQ server) {
		this.server = server;
	}

	static EmbeddedBroker start(int port, Path directory) {
		try {
			Configuration config = new ConfigurationImpl();
			config.setPersistenceEnabled(false);
			config.setSecurityEnabled(false);
			config.setJMXManagementEnabled(false);
			config.setBrokerInstance(directory.toFile());
			config.addAcceptorConfiguration("tcp", "tcp://localhost:" + port);
			EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
			server.start();
			return new EmbeddedBroker(server);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded broker on localhost:" + port + " ("
					+ ex.getMessage() + "): another process may use the port; set crosswalk.workers.broker-port", ex);
		}
	}

	@Override
	public void close() {
		try {
			server.stop();
		}
		catch (Exception ex) {
			// the process is ending: nothing is lost with the broker
		}
	}
}
