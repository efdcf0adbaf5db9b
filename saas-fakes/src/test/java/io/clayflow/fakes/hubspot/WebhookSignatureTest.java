package io.clayflow.fakes.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fake signs its webhook deliveries as HubSpot's v3 guide says; the expected values come from openssl. */
class WebhookSignatureTest {

    private static final byte[] BODY = "[{\"eventId\":1}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSignatureIsTheBase64HmacOfMethodUriBodyAndTimestamp() {
        // printf 'POSThttps://gw.example.com/v1/hubspot/webhook[{"eventId":1}]1700000000000' \
        //   | openssl dgst -sha256 -hmac 'secret-1' -binary | base64
        assertThat(WebhookSubscriptions.sign("secret-1", "POST", "https://gw.example.com/v1/hubspot/webhook", BODY,
                "1700000000000")).isEqualTo("LWQp4dV8/wuO7JEMUbU0nuy5k+kNCdbq8Jq6ka8jsv4=");
    }

    @Test
    void anyChangeToWhatIsSignedChangesTheSignature() {
        String signed = WebhookSubscriptions.sign("secret-1", "POST", "https://gw.example.com/v1/hubspot/webhook",
                BODY, "1700000000000");

        assertThat(WebhookSubscriptions.sign("secret-2", "POST", "https://gw.example.com/v1/hubspot/webhook", BODY,
                "1700000000000")).isNotEqualTo(signed);
        assertThat(WebhookSubscriptions.sign("secret-1", "POST", "https://gw.example.com/v1/hubspot/webhook", BODY,
                "1700000000001")).isNotEqualTo(signed);
    }
}
