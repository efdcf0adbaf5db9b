package io.clayflow.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Map;

/**
 * Reads manifests into fabric8's typed Kubernetes and Prometheus Operator models, refusing any field the model does not
 * have. fabric8's models keep unknown fields in an "additional properties" map (a Jackson any-setter), which would let a
 * misspelt field pass: this mapper ignores those any-setters, so {@code FAIL_ON_UNKNOWN_PROPERTIES} applies. Strimzi's
 * kinds go to {@link CrdSchemas} (Strimzi's API classes need Java 21; its CRDs do not).
 */
final class StrictModels {

    private static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                private static final long serialVersionUID = 1L;

                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private final CrdSchemas crds;

    StrictModels(CrdSchemas crds) {
        this.crds = crds;
    }

    /**
     * Checks one object: a typed read for Kubernetes' and the Prometheus Operator's kinds, the CRD's schema for
     * Strimzi's (and their metadata read as a typed ObjectMeta).
     *
     * @return the typed object, or the tree itself for a Strimzi kind
     * @throws IllegalArgumentException naming the object and the field when the object is not valid
     */
    Object check(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = key + " " + object.path("metadata").path("name").asText();
        try {
            Class<?> type = TYPED.get(key);
            if (type != null) {
                return STRICT.treeToValue(object, type);
            }
            if (crds.knows(object)) {
                STRICT.treeToValue(object.path("metadata"), ObjectMeta.class);
                crds.validate(object);
                return object;
            }
        } catch (Exception e) {
            throw new IllegalArgumentException(name + " is not valid: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(name + ": no model or CRD for this kind (known: " + TYPED.keySet() + " and "
                + crds.kinds() + ")");
    }
}
