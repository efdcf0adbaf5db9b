package io.clayflow.status.page;

/**
 * What the page shows the figures against: the webhook quota and the credit budget.
 *
 * @param webhookSubmissionLimit a Clay webhook's lifetime submissions (Clay's is 50,000)
 * @param creditsPerPeriod intake's {@code budget.credits.per.period}, to show credits left
 */
public record StatusLimits(long webhookSubmissionLimit, long creditsPerPeriod) {
}
