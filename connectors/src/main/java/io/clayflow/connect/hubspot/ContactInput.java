package io.clayflow.connect.hubspot;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One contact to write: the record it came from, how it is found in HubSpot (its email, lower-cased, the upsert
 * key; or, for a lead that came from a HubSpot contact, that contact's record id) and its properties.
 *
 * @param email     the upsert key; null when the contact is written by id
 * @param contactId the HubSpot record id to update; null when the contact is upserted by email
 */
record ContactInput(SinkRecord record, String email, String contactId, Map<String, String> properties) {

    ContactInput {
        Objects.requireNonNull(record, "record");
        if ((email == null) == (contactId == null)) {
            throw new IllegalArgumentException("a contact input is written by email or by id, one of them");
        }
        properties = Map.copyOf(properties);
    }

    ContactInput(SinkRecord record, String email, Map<String, String> properties) {
        this(record, email, null, properties);
    }

    boolean byId() {
        return contactId != null;
    }

    /** What identifies the contact in its batch: its id or its email. */
    String key() {
        return byId() ? contactId : email;
    }
}
