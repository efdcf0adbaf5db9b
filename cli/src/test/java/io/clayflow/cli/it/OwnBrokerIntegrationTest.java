package io.clayflow.cli.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a CLI integration test class that gets a {@link io.clayflow.testsupport.KafkaBroker} of its own and the
 * suite's shared {@link io.clayflow.testsupport.SchemaRegistryServer}: see {@link OwnBrokerExtension}. For classes
 * whose claims are about the pipeline's fixed topics as a whole ({@code clayflow status} counts all of
 * {@code leads.raw}), which no other class may write to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("integration")
@ExtendWith(OwnBrokerExtension.class)
@interface OwnBrokerIntegrationTest {
}
