package io.clayflow.connect.hubspot;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upserts one batch and says which contacts HubSpot refused and why. A 207 names its failed inputs: those are refused,
 * the rest landed. A 400 (or another 4xx) refuses the whole batch for what may be one input, and names the property
 * but not the input, so the batch is halved until each refusal is pinned on one input: one bad input in 100 costs
 * about 14 more requests, rather than 100 one by one, and the good halves land on the way. Credentials, a wrong URL
 * or a property missing in HubSpot are no contact's fault: they raise {@link HubSpotConfigException}.
 */
final class ContactUpserter {

    /** What became of a batch: how many contacts landed, and those HubSpot refused with its reason. */
    record Outcome(int upserted, List<Rejection> rejected) {
        Outcome {
            rejected = List.copyOf(rejected);
        }

        Outcome plus(Outcome other) {
            List<Rejection> all = new ArrayList<>(rejected);
            all.addAll(other.rejected);
            return new Outcome(upserted + other.upserted, all);
        }
    }

    /** A contact HubSpot refused, with its message. */
    record Rejection(ContactInput input, String reason) {
    }

    private final HubSpotClient client;

    ContactUpserter(HubSpotClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * @throws UnavailableException when HubSpot did not take the batch in the allowed attempts: nothing is decided
     * @throws HubSpotConfigException on 401, 403, 404 or a property HubSpot does not have
     */
    Outcome upsert(List<ContactInput> batch) throws UnavailableException {
        BatchUpsertRequest request = new BatchUpsertRequest(batch);
        HttpReply reply = client.upsert(request);
        BatchUpsertResponse response = BatchUpsertResponse.parse(reply.body());
        if (reply.isSuccess()) {
            return accepted(request, reply, response);
        }
        refuseConfigurationErrors(reply, response);
        return refusedWhole(batch, reply, response);
    }

    /** HubSpot refused the batch as a whole: halve it until the refusal is pinned on single inputs. */
    private Outcome refusedWhole(List<ContactInput> batch, HttpReply reply, BatchUpsertResponse response)
            throws UnavailableException {
        if (batch.size() > 1) {
            int half = batch.size() / 2;
            return upsert(batch.subList(0, half)).plus(upsert(batch.subList(half, batch.size())));
        }
        String category = response.category().isEmpty() ? "" : " " + response.category();
        return new Outcome(0, List.of(new Rejection(batch.get(0), "HubSpot refused the contact (HTTP "
                + reply.status() + category + "): " + (response.message().isEmpty() ? reply.excerpt()
                : response.message()))));
    }

    private Outcome accepted(BatchUpsertRequest request, HttpReply reply, BatchUpsertResponse response)
            throws UnavailableException {
        Map<Integer, String> failures = response.failures(request);
        List<Rejection> rejected = new ArrayList<>();
        failures.forEach((index, reason) -> rejected.add(new Rejection(request.inputs().get(index),
                "HubSpot refused the contact (HTTP " + reply.status() + "): " + reason)));
        Outcome outcome = new Outcome(request.size() - failures.size(), rejected);
        if (reply.status() == 207) {
            // A partial answer that does not account for an input: ask again for those alone rather than guess.
            List<Integer> unaccounted = response.unaccounted(request);
            if (unaccounted.size() == request.size()) {
                return refusedWhole(request.inputs(), reply, response);
            }
            if (!unaccounted.isEmpty()) {
                List<ContactInput> again = unaccounted.stream().map(request.inputs()::get).toList();
                outcome = new Outcome(outcome.upserted() - again.size(), rejected).plus(upsert(again));
            }
        }
        return outcome;
    }

    private static void refuseConfigurationErrors(HttpReply reply, BatchUpsertResponse response) {
        if (reply.isAuthFailure()) {
            throw new HubSpotConfigException("HubSpot refused the private app token (HTTP " + reply.status() + " "
                    + response.category() + "): check " + HubSpotAccess.TOKEN
                    + " and that the app has the crm.objects.contacts.write scope. " + response.message());
        }
        if (reply.status() == 404 || reply.status() == 405) {
            throw new HubSpotConfigException("HubSpot has no contacts batch upsert at this address (HTTP "
                    + reply.status() + "): check " + HubSpotAccess.BASE_URL);
        }
        List<String> missing = response.propertiesWithCode("PROPERTY_DOESNT_EXIST");
        if (!missing.isEmpty()) {
            throw new HubSpotConfigException("HubSpot has no contact propert" + (missing.size() == 1 ? "y " : "ies ")
                    + missing + ": create " + (missing.size() == 1 ? "it" : "them") + " in HubSpot, or change "
                    + HubSpotSinkConfig.MAPPING + " / " + HubSpotSinkConfig.LEAD_ID_PROPERTY);
        }
    }
}
