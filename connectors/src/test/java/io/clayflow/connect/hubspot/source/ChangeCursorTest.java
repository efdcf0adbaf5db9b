package io.clayflow.connect.hubspot.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.connect.resilience.UnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    /** HubSpot's search over a changing portal: equal times come back in a random order, as HubSpot promises none. */
    private static final class Portal implements ContactPages {
        final Map<Long, Long> modifiedById = new HashMap<>();
        final Random random = new Random(7);
        int queries;

        void change(long id, long modifiedMs) {
            modifiedById.put(id, modifiedMs);
        }

        @Override
        public List<CrmContact> sameTimeAfter(long modifiedMs, long afterId, int limit) {
            queries++;
            return modifiedById.entrySet().stream()
                    .filter(e -> e.getValue() == modifiedMs && e.getKey() > afterId)
                    .sorted(Map.Entry.comparingByKey()).limit(limit).map(Portal::contact).toList();
        }

        @Override
        public List<CrmContact> changedBetween(long afterMs, long beforeMs, int limit) {
            queries++;
            List<Map.Entry<Long, Long>> matching = new ArrayList<>(modifiedById.entrySet().stream()
                    .filter(e -> e.getValue() > afterMs && e.getValue() < beforeMs).toList());
            java.util.Collections.shuffle(matching, random);
            matching.sort(Map.Entry.comparingByValue());
            return matching.stream().limit(limit).map(Portal::contact).toList();
        }

        private static CrmContact contact(Map.Entry<Long, Long> e) {
            return new CrmContact(e.getKey(), Map.of("lastmodifieddate", Long.toString(e.getValue())));
        }
    }

    private static List<CursorPosition> drain(ChangeCursor cursor, long settledBefore) throws UnavailableException {
        List<CursorPosition> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ChangeCursor.Page page = cursor.next(settledBefore);
            page.contacts().forEach(contact -> seen.add(contact.position()));
            cursor.advance(page);
            if (page.contacts().isEmpty() && page.timeDone()) {
                return seen;
            }
        }
        throw new AssertionError("the cursor never caught up");
    }

    @Test
    void everyChangeComesOnceInChangeOrderWhenManyShareOneMillisecond() throws Exception {
        Portal portal = new Portal();
        // 250 contacts changed in the same millisecond (more than two pages), around 100 spread over others.
        for (long id = 1; id <= 250; id++) {
            portal.change(id, 5_000);
        }
        for (long id = 251; id <= 350; id++) {
            portal.change(id, 4_990 + id % 20);
        }
        ChangeCursor cursor = new ChangeCursor(portal, 100, new CursorPosition(0, 0));

        List<CursorPosition> seen = drain(cursor, 10_000);

        assertThat(seen).hasSize(350).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(cursor.position()).isEqualTo(new CursorPosition(5_009, 339));
    }

    @Test
    void aRestartFromAnyHandedOverChangeNeitherSkipsNorRepeats() throws Exception {
        Portal portal = new Portal();
        for (long id = 1; id <= 300; id++) {
            portal.change(id, 1_000 + id / 7);
        }
        List<CursorPosition> all = drain(new ChangeCursor(portal, 50, new CursorPosition(0, 0)), 10_000);
        for (int stop : new int[] {0, 1, 49, 50, 51, 137, 299}) {
            CursorPosition offset = all.get(stop);
            List<CursorPosition> resumed = drain(new ChangeCursor(portal, 50,
                    CursorPosition.fromOffset(new HashMap<>(offset.toOffset()), 0)), 10_000);
            assertThat(resumed).as("resumed after change #" + stop).isEqualTo(all.subList(stop + 1, all.size()));
        }
    }

    @Test
    void changesNotYetSettledWaitAndAChangedContactComesAgainWithItsNewTime() throws Exception {
        Portal portal = new Portal();
        portal.change(1, 100);
        portal.change(2, 200);
        ChangeCursor cursor = new ChangeCursor(portal, 10, new CursorPosition(0, 0));

        assertThat(drain(cursor, 150)).containsExactly(new CursorPosition(100, 1));
        portal.change(1, 300);
        assertThat(drain(cursor, 1_000)).containsExactly(new CursorPosition(200, 2), new CursorPosition(300, 1));
        assertThat(drain(cursor, 1_000)).isEmpty();
    }

    @Test
    void aStartTimeReadsTheChangesAtThatMillisecondToo() throws Exception {
        Portal portal = new Portal();
        portal.change(1, 99);
        portal.change(2, 100);
        portal.change(3, 101);

        assertThat(drain(new ChangeCursor(portal, 10, CursorPosition.fromOffset(null, 100)), 1_000))
                .containsExactly(new CursorPosition(100, 2), new CursorPosition(101, 3));
    }
}
