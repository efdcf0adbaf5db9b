package io.clayflow.fakes.clay;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One webhook source of the simulated workspace and the table it feeds: its id (the last segment of its URL), the
 * optional {@code x-clay-webhook-auth} token, its lifetime submission cap and its table's row cap.
 *
 * @param id            letters, digits, {@code -} and {@code _}; the webhook's URL is {@code /webhooks/<id>}
 * @param token         the value {@code x-clay-webhook-auth} must carry, or {@code null} for an open webhook
 * @param submissionCap rows the webhook accepts over its lifetime (Clay: 50,000; deleting rows does not reset it)
 * @param rowCap        rows its table holds; rows past it are answered 2xx but not added, as Clay does
 * @param passthrough   its table is an auto-delete ("passthrough") table: rows are deleted once enriched, so it never
 *                      fills and its row cap does not apply (the simulator keeps them for inspection)
 */
public record WebhookConfig(String id, String token, long submissionCap, int rowCap, boolean passthrough) {

    /** Clay's lifetime submission limit per webhook. */
    public static final long DEFAULT_SUBMISSION_CAP = 50_000;
    /** The simulated table's row limit: Clay's long-standing per-table limit (plans differ; set it per test). */
    public static final int DEFAULT_ROW_CAP = 50_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    public WebhookConfig {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("webhook id '" + id + "' must be 1-128 letters, digits, '-' or '_'");
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (submissionCap < 0) {
            throw new IllegalArgumentException("webhook " + id + ": submission cap must be >= 0, got " + submissionCap);
        }
        if (rowCap < 0) {
            throw new IllegalArgumentException("webhook " + id + ": row cap must be >= 0, got " + rowCap);
        }
    }

    /** A webhook whose table is a normal one, with a row cap. */
    public WebhookConfig(String id, String token, long submissionCap, int rowCap) {
        this(id, token, submissionCap, rowCap, false);
    }

    /** An open webhook with Clay's default caps. */
    public static WebhookConfig of(String id) {
        return new WebhookConfig(id, null, DEFAULT_SUBMISSION_CAP, DEFAULT_ROW_CAP);
    }

    public WebhookConfig withToken(String newToken) {
        return new WebhookConfig(id, newToken, submissionCap, rowCap, passthrough);
    }

    public WebhookConfig withSubmissionCap(long newCap) {
        return new WebhookConfig(id, token, newCap, rowCap, passthrough);
    }

    public WebhookConfig withRowCap(int newRowCap) {
        return new WebhookConfig(id, token, submissionCap, newRowCap, passthrough);
    }

    /** The table auto-deletes its rows once enriched: it never fills. */
    public WebhookConfig withPassthrough() {
        return new WebhookConfig(id, token, submissionCap, rowCap, true);
    }

    @Override
    public String toString() {
        return "WebhookConfig[id=" + id + ", token=" + (token == null ? "none" : "[hidden]")
                + ", submissionCap=" + submissionCap + ", rowCap=" + (passthrough ? "passthrough" : rowCap) + "]";
    }
}
