package io.clayflow.connect.hubspot;

import org.apache.kafka.connect.errors.ConnectException;

/** HubSpot refused the sink's setup, not a contact: the task fails with this message, and no record is skipped. */
final class HubSpotConfigException extends ConnectException {

    private static final long serialVersionUID = 1L;

    HubSpotConfigException(String message) {
        super(message);
    }
}
