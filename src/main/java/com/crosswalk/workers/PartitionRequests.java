package com.crosswalk.workers;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.jms.support.converter.MessageConversionException;
import org.springframework.jms.support.converter.MessageConverter;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * The partition requests on the broker's queue, as text ({@code stepName} and {@code stepExecutionId} on two lines):
 * a worker never deserialises Java objects that arrive over the network.
 */
final class PartitionRequests implements MessageConverter {

	/** The queue a manager sends partitions to and workers take them from. */
	static final String QUEUE = "crosswalk.lookup.partitions";

	@Override
	public Message toMessage(Object object, Session session) throws JMSException {
		if (!(object instanceof StepExecutionRequest request)) {
			throw new MessageConversionException("not a partition request: " + object.getClass().getName());
		}
		return session.createTextMessage(request.getStepName() + "\n" + request.getStepExecutionId());
	}

	@Override
	public StepExecutionRequest fromMessage(Message message) throws JMSException {
		if (message instanceof TextMessage text && text.getText() != null) {
			String[] parts = text.getText().split("\n");
			if (parts.length == 2 && parts[1].matches("\\d{1,18}")) {
				return new StepExecutionRequest(parts[0], Long.parseLong(parts[1]));
			}
		}
		throw new MessageConversionException("not a Crosswalk partition request: " + message);
	}
}
