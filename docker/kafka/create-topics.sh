#!/bin/bash
# Creates clayflow's topics on the compose broker, as `clayflow up` does (stack/TopicsPart): idempotent
# (--if-not-exists). Three partitions for the flow (room for three instances of each app), dead letters on one
# partition kept 30 days for inspection and replay, the Clay ledger's sent rows and resend requests co-partitioned
# with leads.enriched and its summary compacted, the Clay sink's state (webhook quota counts and progress)
# compacted and kept forever. On a cluster created before that topic was renamed, the Clay sink carries the old
# topic's entries over on its first start (see connectors/README.md); the old topic may be deleted after.
set -euo pipefail
BOOTSTRAP="${BOOTSTRAP_SERVERS:-kafka:19092}"
create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" \
    --partitions "$2" --replication-factor 1 "${@:3}"
}
for topic in leads.raw leads.clay.outbox leads.enriched \
             leads.route.crm leads.route.outreach leads.route.nurture leads.route.warehouse \
             leads.clay.sent clayflow.clay-resend-requests clayflow.hubspot.contact-changes; do
  create "$topic" 3
done
create leads.dlq 1 --config retention.ms=2592000000
create clayflow.clay-ledger-summary 1 --config cleanup.policy=compact
create clayflow.clay-sink-state 1 --config cleanup.policy=compact --config retention.ms=-1
create clayflow.cost-events 3 --config retention.ms=-1
echo "clayflow topics ready"
