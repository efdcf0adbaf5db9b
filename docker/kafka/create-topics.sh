#!/bin/bash
# Creates clayflow's topics on the compose broker, as `clayflow up` does (stack/TopicsPart): idempotent
# (--if-not-exists). Three partitions for the flow (room for three instances of each app), dead letters on one
# partition kept 30 days for inspection and replay, the Clay ledger's sent rows and resend requests co-partitioned
# with leads.enriched and its summary compacted, the Clay sink's state (webhook quota counts and progress)
# compacted and kept forever. On a cluster created before that topic was renamed, the Clay sink carries the old
# topic's entries over on its first start (see connectors/README.md); the old topic may be deleted after.
#
# On any other cluster (Strimzi without the topic operator, Confluent Cloud, MSK), with Kafka's CLI:
#   create-topics.sh --bootstrap-server HOST:PORT --partitions 6 --replication-factor 3 --min-insync-replicas 2 \
#     --command-config client.properties   # SASL/SSL settings of an admin user (see docs/deploy.md)
# Each option can also come from the environment: BOOTSTRAP_SERVERS, PARTITIONS (the flow's topics; default 3),
# REPLICATION_FACTOR (default 1, compose's one broker), MIN_INSYNC_REPLICAS (default 1), COMMAND_CONFIG, KAFKA_BIN
# (default /opt/kafka/bin). One-partition topics (dead letters, state) stay at one whatever --partitions says.
set -euo pipefail
BOOTSTRAP="${BOOTSTRAP_SERVERS:-kafka:19092}"
PARTITIONS="${PARTITIONS:-3}"
REPLICATION_FACTOR="${REPLICATION_FACTOR:-1}"
MIN_INSYNC_REPLICAS="${MIN_INSYNC_REPLICAS:-1}"
COMMAND_CONFIG="${COMMAND_CONFIG:-}"
KAFKA_BIN="${KAFKA_BIN:-/opt/kafka/bin}"
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap-server) BOOTSTRAP="$2"; shift 2 ;;
    --partitions) PARTITIONS="$2"; shift 2 ;;
    --replication-factor) REPLICATION_FACTOR="$2"; shift 2 ;;
    --min-insync-replicas) MIN_INSYNC_REPLICAS="$2"; shift 2 ;;
    --command-config) COMMAND_CONFIG="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ "$MIN_INSYNC_REPLICAS" -gt "$REPLICATION_FACTOR" ]; then
  echo "--min-insync-replicas ($MIN_INSYNC_REPLICAS) above --replication-factor ($REPLICATION_FACTOR): no write would succeed" >&2
  exit 2
fi
create() {
  "$KAFKA_BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" ${COMMAND_CONFIG:+--command-config "$COMMAND_CONFIG"} \
    --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor "$REPLICATION_FACTOR" \
    --config min.insync.replicas="$MIN_INSYNC_REPLICAS" "${@:3}"
}
for topic in leads.raw leads.clay.outbox leads.enriched \
             leads.route.crm leads.route.outreach leads.route.nurture leads.route.warehouse \
             leads.clay.sent clayflow.clay-resend-requests clayflow.hubspot.contact-changes; do
  create "$topic" "$PARTITIONS"
done
create leads.dlq 1 --config retention.ms=2592000000
create clayflow.clay-ledger-summary 1 --config cleanup.policy=compact
create clayflow.clay-sink-state 1 --config cleanup.policy=compact --config retention.ms=-1
create clayflow.cost-events 3 --config retention.ms=-1
echo "clayflow topics ready"
