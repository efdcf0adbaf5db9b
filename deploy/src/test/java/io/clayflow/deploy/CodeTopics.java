package io.clayflow.deploy;

import io.clayflow.schemas.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every topic name schemas' {@link Topics} spells (its String constants, so a topic added there shows up here), but
 * {@link Topics#ROUTE_PREFIX} (a prefix) and {@link Topics#LEGACY_CLAY_WEBHOOK_QUOTA} (only read, on clusters from
 * before 0.2; never created), and the Streams apps' internal topics.
 */
final class CodeTopics {

    private CodeTopics() {
    }

    static Set<String> named() {
        Set<String> names = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        names.remove(Topics.ROUTE_PREFIX);
        names.remove(Topics.LEGACY_CLAY_WEBHOOK_QUOTA);
        return names;
    }

    static Set<String> all() {
        Set<String> names = named();
        names.addAll(StreamsInternalTopics.names());
        return names;
    }
}
