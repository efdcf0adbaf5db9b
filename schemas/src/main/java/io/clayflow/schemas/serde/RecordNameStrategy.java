package io.clayflow.schemas.serde;

import org.apache.avro.Schema;

/** The record's full name: one lineage per record type, across topics. */
public class RecordNameStrategy implements SubjectNameStrategy {

    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return schema.getFullName();
    }
}
