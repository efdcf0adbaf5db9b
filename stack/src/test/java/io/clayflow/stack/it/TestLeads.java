package io.clayflow.stack.it;

import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Demo-like leads for the stack's end-to-end test: distinct people, some invalid (an email intake refuses), and
 * copies of earlier people spelled differently (case, spaces), which intake must recognise as the same person.
 */
final class TestLeads {

    record Batch(List<Lead> leads, Set<String> uniqueValidEmails, int invalid, int duplicates) {
    }

    private TestLeads() {
    }

    /** {@code people} distinct people ({@code invalid} of them invalid) plus {@code duplicates} respelled copies. */
    static Batch generate(String prefix, int people, int invalid, int duplicates, long seed) {
        Random random = new Random(seed);
        List<Lead> originals = new ArrayList<>();
        Set<String> validEmails = new HashSet<>();
        for (int i = 0; i < people; i++) {
            boolean bad = i < invalid;
            String email = bad ? prefix + "-" + i + "@@nowhere" : prefix + "-person" + i + "@acme" + (i % 13) + ".com";
            if (!bad) {
                validEmails.add(email);
            }
            originals.add(Lead.newBuilder()
                    .setEmail(email)
                    .setFirstName("Person")
                    .setLastName("Number" + i)
                    .setTitle(i % 4 == 0 ? "VP Sales" : i % 4 == 1 ? "Engineering Manager" : "Engineer")
                    .setCompanyName("Acme " + (i % 13))
                    .setSource("stack-it")
                    .setSourceId(prefix + "-" + i)
                    .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i))
                    .build());
        }
        List<Lead> all = new ArrayList<>(originals);
        for (int i = 0; i < duplicates; i++) {
            Lead original = originals.get(invalid + random.nextInt(people - invalid));
            all.add(Lead.newBuilder(original)
                    .setEmail("  " + original.getEmail().toUpperCase(Locale.ROOT) + " ")
                    .setSourceId(original.getSourceId() + "-copy" + i)
                    .build());
        }
        Collections.shuffle(all, random);
        return new Batch(List.copyOf(all), Set.copyOf(validEmails), invalid, duplicates);
    }
}
