package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchUpsertResponseTest {

    private final BatchUpsertRequest request = new BatchUpsertRequest(List.of(TestLeads.input(0), TestLeads.input(1),
            TestLeads.input(2)));

    @Test
    void a207sErrorsPointAtTheirInputsByTraceId() {
        BatchUpsertResponse response = BatchUpsertResponse.parse("""
                {"status":"COMPLETE","numErrors":1,
                 "results":[{"id":"1","objectWriteTraceId":"0","properties":{"email":"person0@acme.com"}},
                            {"id":"2","objectWriteTraceId":"2","properties":{"email":"person2@acme.com"}}],
                 "errors":[{"status":"error","category":"VALIDATION_ERROR",
                            "message":"Property values were not valid: INVALID_EMAIL",
                            "context":{"objectWriteTraceId":["1"],"ids":["person1@acme.com"]}}]}""");

        assertThat(response.failures(request)).containsExactly(java.util.Map.entry(1,
                "VALIDATION_ERROR: Property values were not valid: INVALID_EMAIL"));
        assertThat(response.unaccounted(request)).isEmpty();
    }

    @Test
    void withoutTraceIdsErrorsPointAtTheirInputsByEmailCaseInsensitively() {
        BatchUpsertResponse response = BatchUpsertResponse.parse("""
                {"results":[{"id":"1","properties":{"email":"person0@acme.com"}}],
                 "errors":[{"message":"bad","context":{"ids":["PERSON2@acme.com"]}}]}""");

        assertThat(response.failures(request)).containsOnlyKeys(2).containsValue("bad");
        assertThat(response.unaccounted(request)).containsExactly(1);
    }

    @Test
    void readsAnErrorBodysMessageCategoryAndMissingProperties() {
        BatchUpsertResponse response = BatchUpsertResponse.parse("""
                {"status":"error","message":"Property values were not valid: [...]","category":"VALIDATION_ERROR",
                 "errors":[{"message":"Property \\"x\\" does not exist","code":"PROPERTY_DOESNT_EXIST",
                            "context":{"propertyName":["clayflow_lead_id"]}}]}""");

        assertThat(response.category()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.message()).startsWith("Property values were not valid");
        assertThat(response.propertiesWithCode("PROPERTY_DOESNT_EXIST")).containsExactly("clayflow_lead_id");
        assertThat(response.propertiesWithCode("INVALID_EMAIL")).isEmpty();
    }

    @Test
    void readsThePolicyOfA429() {
        assertThat(BatchUpsertResponse.parse("""
                {"status":"error","errorType":"RATE_LIMIT","policyName":"DAILY"}""").policyName()).isEqualTo("DAILY");
    }

    @Test
    void aBodyThatIsNotJsonReadsAsEmpty() {
        BatchUpsertResponse response = BatchUpsertResponse.parse("<html>502 Bad Gateway</html>");

        assertThat(response.message()).isEmpty();
        assertThat(response.failures(request)).isEmpty();
        assertThat(response.unaccounted(request)).containsExactly(0, 1, 2);
    }
}
