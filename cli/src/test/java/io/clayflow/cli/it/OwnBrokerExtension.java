package io.clayflow.cli.it;

import io.clayflow.testsupport.ClayflowServersExtension;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaBroker} parameters to a broker of the test class's own, and {@link SchemaRegistryServer}
 * parameters to the registry every class in the test JVM shares (test-support's {@link ClayflowServersExtension}).
 *
 * <p>The pipeline's topic names are fixed, and {@code clayflow status}, {@code cost} and {@code dlq} read them whole,
 * so a class asserting on them needs a broker nobody else writes to. An in-JVM broker starts in a few seconds; the
 * registry (a child JVM) and the failsafe JVM itself are what sharing saves. Subjects in the shared registry are
 * named by topic, and every class registers the same schemas under them, so they need no isolation. The broker
 * lives in the class's {@link ExtensionContext.Store}, which JUnit closes when the class is done.
 */
final class OwnBrokerExtension implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(OwnBrokerExtension.class);

    private final ClayflowServersExtension shared = new ClayflowServersExtension();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type == SchemaRegistryServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == SchemaRegistryServer.class) {
            return shared.resolveParameter(parameter, context);
        }
        return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(KafkaBroker.class,
                key -> KafkaBroker.startOwn(), KafkaBroker.class);
    }

    /** The test class's context, whether asked from the class, its constructor or one of its methods. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent()) {
            current = current.getParent().orElseThrow();
        }
        return current;
    }
}
