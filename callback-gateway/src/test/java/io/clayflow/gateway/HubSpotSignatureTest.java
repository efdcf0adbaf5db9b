package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HubSpotSignatureTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_767_225_600_000L), ZoneOffset.UTC);
    private static final String URI = "https://hooks.example.com/v1/hubspot/webhook";
    private static final byte[] BODY = "[{\"eventId\":1}]".getBytes(StandardCharsets.UTF_8);
    private final HubSpotSignature signature = new HubSpotSignature(Optional.of("secret"), Duration.ofMinutes(5),
            CLOCK);

    @Test
    void hubSpotsV3SignatureIsBase64HmacSha256OfMethodUriBodyAndTimestamp() {
        // Computed independently: printf 'POSThttps://hooks.example.com/v1/hubspot/webhook[{"eventId":1}]1767225600000'
        //   | openssl dgst -sha256 -hmac secret -binary | base64
        assertThat(HubSpotSignature.sign("secret", "POST", URI, BODY, "1767225600000"))
                .isEqualTo("Af++qTOk0aTvamSSpIwroAiwba7pP5yCAwON78ITDIw=");
    }

    @Test
    void aFreshCorrectlySignedDeliveryIsAcceptedAndAnythingElseSaysWhy() {
        String now = Long.toString(CLOCK.millis());
        String good = HubSpotSignature.sign("secret", "POST", URI, BODY, now);
        String old = Long.toString(CLOCK.millis() - Duration.ofMinutes(6).toMillis());

        assertThat(signature.refusal("POST", URI, BODY, now, good)).isEmpty();
        assertThat(signature.refusal("POST", URI + "?x=1", BODY, now, good)).contains("the signature does not match");
        assertThat(signature.refusal("POST", URI, BODY, old, HubSpotSignature.sign("secret", "POST", URI, BODY, old)))
                .hasValueSatisfying(why -> assertThat(why).contains("300 s from now"));
        assertThat(signature.refusal("POST", URI, BODY, null, good)).isPresent();
        String query = URI + "?portal=62515&from=a%3Ab";
        assertThat(signature.refusal("POST", query, BODY, now, HubSpotSignature.sign("secret", "POST",
                URI + "?portal=62515&from=a:b", BODY, now))).as("signed with %3A decoded").isEmpty();
        assertThat(new HubSpotSignature(Optional.empty(), Duration.ofMinutes(5), CLOCK)
                .refusal("POST", URI, BODY, now, good)).hasValueSatisfying(why -> assertThat(why)
                        .contains("no client secret"));
    }

}
