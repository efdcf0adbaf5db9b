#!/usr/bin/env bash
# Regenerates the Strimzi CRDs the deploy checks validate against (src/test/resources/crds/strimzi), with Strimzi's own
# crd-generator from Strimzi's API classes of the version the parent pom names (strimzi.version), exactly as Strimzi
# makes the CRDs it installs. Those classes are built for Java 21: give a Java 21+ runtime as JAVA (default: the
# Temurin 25 of this project's machines). Nothing here runs in the build; run it after changing strimzi.version.
set -euo pipefail
cd "$(dirname "$0")"
VERSION=$(sed -n 's:.*<strimzi.version>\(.*\)</strimzi.version>.*:\1:p' ../pom.xml)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$VERSION</version></dependency>
  </dependencies>
</project>
POM
mvn -q -f "$WORK/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt"
OUT=src/test/resources/crds/strimzi
"$JAVA" -cp "$(cat "$WORK/cp.txt")" io.strimzi.crdgenerator.CrdGenerator --yaml --api-versions v1 --storage-version v1 \
  io.strimzi.api.kafka.model.topic.KafkaTopic=$OUT/kafkatopic.yaml \
  io.strimzi.api.kafka.model.user.KafkaUser=$OUT/kafkauser.yaml \
  io.strimzi.api.kafka.model.connect.KafkaConnect=$OUT/kafkaconnect.yaml \
  io.strimzi.api.kafka.model.connector.KafkaConnector=$OUT/kafkaconnector.yaml
echo "Strimzi $VERSION CRDs written to deploy/$OUT"
