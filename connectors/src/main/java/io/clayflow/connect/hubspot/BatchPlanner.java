package io.clayflow.connect.hubspot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts contact inputs, in record order, into batches of at most the configured size in which no email (or contact id)
 * appears twice: HubSpot refuses a whole batch with a duplicate id, and a later record of the same person must land
 * after the earlier one, so a repeated key starts the next batch. Inputs written by id and by email go to different
 * endpoints, so a change between the two starts the next batch too.
 */
final class BatchPlanner {

    private final int maxInputs;

    BatchPlanner(int maxInputs) {
        if (maxInputs < 1 || maxInputs > 100) {
            throw new IllegalArgumentException("HubSpot takes 1 to 100 inputs per batch, not " + maxInputs);
        }
        this.maxInputs = maxInputs;
    }

    List<List<ContactInput>> batches(List<ContactInput> inputs) {
        List<List<ContactInput>> batches = new ArrayList<>();
        List<ContactInput> current = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (ContactInput input : inputs) {
            boolean otherKind = !current.isEmpty() && current.get(0).byId() != input.byId();
            if (current.size() == maxInputs || emails.contains(input.key()) || otherKind) {
                batches.add(List.copyOf(current));
                current.clear();
                emails.clear();
            }
            current.add(input);
            emails.add(input.key());
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return batches;
    }
}
