package io.clayflow.connect.clay;

import java.util.Collection;
import java.util.Map;

/** Looks up topics' ids, which tell a topic from an earlier one of the same name. */
@FunctionalInterface
interface TopicIds {

    /** The id of each topic found, by name; a topic that cannot be described is left out. */
    Map<String, String> of(Collection<String> topics);
}
