package io.clayflow.schemas.serde;

import org.apache.avro.Schema;

/** {@code <topic>-<record full name>}: one lineage per record type per topic, so a topic may mix types. */
public class TopicRecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + "-" + schema.getFullName();
    }
}
