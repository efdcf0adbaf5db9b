package io.clayflow.gateway.status;

import io.clayflow.status.PipelineStatus;

/** The funnel's derived stages: valid (raw less intake's refusals) and unique (valid less duplicates dropped). */
final class StatusFunnel {

    private StatusFunnel() {
    }

    static Long valid(PipelineStatus status) {
        if (status.raw() == null) {
            return null;
        }
        return Math.max(0, status.raw() - (status.invalid() == null ? 0 : status.invalid()));
    }

    static Long unique(PipelineStatus status) {
        Long valid = valid(status);
        if (valid == null) {
            return null;
        }
        return Math.max(0, valid - (status.duplicatesDropped() == null ? 0 : status.duplicatesDropped()));
    }
}
