package io.clayflow.fakes.hubspot;

/**
 * What the fake's webhook deliveries get wrong on purpose, to test a receiver.
 *
 * @param badSignature   sign with another secret
 * @param staleTimestamp sign and send a timestamp ten minutes old (HubSpot's receivers refuse over five)
 * @param duplicates     send every delivery twice (HubSpot retries a delivery whose answer it did not see)
 * @param outOfOrder     send the events of a delivery, and deliveries, newest first
 */
public record WebhookFaults(boolean badSignature, boolean staleTimestamp, boolean duplicates, boolean outOfOrder) {

    public static WebhookFaults none() {
        return new WebhookFaults(false, false, false, false);
    }
}
