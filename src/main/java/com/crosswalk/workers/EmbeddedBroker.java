package com.crosswalk.workers;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

import com.crosswalk.config.ConfigException;

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
			// Artemis logs an acceptor that cannot bind instead of throwing, and does not become active
			if (!server.getActiveMQServer().isActive()) {
				server.stop();
				throw portTaken(port, "the port is taken");
			}
			return new EmbeddedBroker(server);
		}
		catch (ConfigException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw portTaken(port, ex.getMessage());
		}
	}

	private static ConfigException portTaken(int port, String why) {
		return new ConfigException("crosswalk.workers.broker-port: could not start the embedded broker on localhost:"
				+ port + " (" + why + "); another process may use the port: give a free one, e.g."
				+ " --crosswalk.workers.broker-port=61617");
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
