package io.clayflow.cli.demo;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.Lead;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code clayflow demo --crm}: the demo's people created as contacts in the local HubSpot fake, as a sales team would
 * in HubSpot's UI ({@code POST /admin/contacts}, the fake's own endpoint, not HubSpot's API), so the HubSpot source
 * turns each into a lead and the loop runs: enriched, then written back onto the same contact.
 */
final class CrmDemo {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI contacts;

    CrmDemo(String hubspotUrl) {
        String base = Objects.requireNonNull(hubspotUrl, "hubspotUrl");
        this.contacts = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/admin/contacts");
    }

    /** @return how many contacts the fake created */
    int create(List<Lead> leads) {
        int created = 0;
        for (Lead lead : leads) {
            Map<String, String> properties = new LinkedHashMap<>();
            put(properties, "email", lead.getEmail());
            put(properties, "firstname", lead.getFirstName());
            put(properties, "lastname", lead.getLastName());
            put(properties, "company", lead.getCompanyName());
            put(properties, "website", lead.getCompanyDomain());
            put(properties, "jobtitle", lead.getTitle());
            put(properties, "phone", lead.getPhone());
            HttpResponse<String> response = post(Map.of("properties", properties));
            if (response.statusCode() != 201) {
                throw new CliException(ExitCodes.FAILED, "The HubSpot fake at " + contacts + " refused a contact: HTTP "
                        + response.statusCode() + " " + response.body());
            }
            created++;
        }
        return created;
    }

    private HttpResponse<String> post(Map<String, ?> body) {
        try {
            return http.send(HttpRequest.newBuilder(contacts).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "Cannot reach the HubSpot fake at " + contacts + " (is "
                    + "./clayflow up running?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "Interrupted");
        }
    }

    private static void put(Map<String, String> properties, String name, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(name, value);
        }
    }
}
