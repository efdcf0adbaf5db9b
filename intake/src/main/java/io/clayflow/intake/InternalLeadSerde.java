package io.clayflow.intake;

import io.clayflow.schemas.Lead;

/**
 * The serde of leads in intake's own repartition topics and state stores: Avro single-object encoding with no schema
 * registry ({@link SingleObjectSerde}). The decoder knows every released {@code Lead} schema, so a backlog or
 * repartition record written before an upgrade is still read after it.
 */
public final class InternalLeadSerde extends SingleObjectSerde<Lead> {

    public InternalLeadSerde() {
        super("a lead", Lead.getClassSchema(), Lead.getEncoder(), Lead::createDecoder);
    }
}
