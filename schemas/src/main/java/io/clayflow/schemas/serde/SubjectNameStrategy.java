package io.clayflow.schemas.serde;

import org.apache.avro.Schema;

/** Names the registry subject a record's schema is registered under, as Confluent's strategies do. */
public interface SubjectNameStrategy {

    /**
     * @param topic the topic the record goes to or came from
     * @param isKey whether the record is a key
     * @param schema the record's schema
     * @return the subject name
     */
    String subjectName(String topic, boolean isKey, Schema schema);
}
