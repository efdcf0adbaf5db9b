package io.clayflow.testsupport;

import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaBroker}, {@link SchemaRegistryServer} and {@link Postgres} parameters of test constructors,
 * lifecycle methods and test methods, starting each server the first time a test asks for it.
 *
 * <p>The broker and the registry are started once per test run and shared by every class (they live in the root
 * {@link ExtensionContext.Store}); each test class gets its own {@link Postgres} schema (in its class store). JUnit
 * closes both stores' values, which are {@link AutoCloseable}, when their context ends.
 */
public final class ClayflowServersExtension implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(ClayflowServersExtension.class);
    private static final Set<Class<?>> SERVERS = Set.of(KafkaBroker.class, SchemaRegistryServer.class, Postgres.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SERVERS.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaBroker.class) {
            return suiteStore(context).getOrComputeIfAbsent(KafkaBroker.class,
                    key -> KafkaBackendSelector.fromEnvironment().start(), KafkaBroker.class);
        }
        if (type == SchemaRegistryServer.class) {
            return suiteStore(context).getOrComputeIfAbsent(SchemaRegistryServer.class,
                    key -> SchemaRegistryServer.start(), SchemaRegistryServer.class);
        }
        if (type == Postgres.class) {
            ExtensionContext testClass = classContext(context);
            return testClass.getStore(NAMESPACE).getOrComputeIfAbsent(Postgres.class,
                    key -> Postgres.createSchemaFor(testClass.getRequiredTestClass()), Postgres.class);
        }
        throw new ParameterResolutionException("Not a clayflow test server: " + type.getName());
    }

    private static ExtensionContext.Store suiteStore(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    /** The context of the test class, whether asked from the class itself, a method, or a repeated/parameterized one. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent()) {
            current = current.getParent().orElseThrow();
        }
        if (current.getTestClass().isEmpty()) {
            throw new ParameterResolutionException("A Postgres schema belongs to a test class, and "
                    + context.getDisplayName() + " has none");
        }
        return current;
    }
}
