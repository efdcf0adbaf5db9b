package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.resilience.UnavailableException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Pages through HubSpot's contact changes in (lastmodifieddate, id) order from a {@link CursorPosition}, by keyset:
 * every page is the first page of a query that starts after the position, never an {@code after} offset. Offsets
 * move under a pager when a contact changes while it pages (the contact leaves its place and the one after it is
 * skipped), and HubSpot stops offsets at 10,000 results; a keyset query meets neither, so a window never needs
 * splitting. HubSpot sorts by one property only and orders equal times arbitrarily, so a page of times is cut before
 * its last time, and a time shared by more contacts than a page is read by id on its own.
 *
 * <p>Not thread-safe: one task polls it.
 */
final class ChangeCursor {

    /** The contacts of one page in change order, and where the cursor stands once they are handled. */
    record Page(List<CrmContact> contacts, CursorPosition end, boolean timeDone) {
        Page {
            contacts = List.copyOf(contacts);
        }
    }

    private static final Comparator<CrmContact> CHANGE_ORDER = Comparator.comparing(CrmContact::position);

    private final ContactPages pages;
    private final int pageSize;
    private CursorPosition position;
    // Whether every contact at position's time is handled (false after a start: it may not be).
    private boolean timeDone;

    ChangeCursor(ContactPages pages, int pageSize, CursorPosition start) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.pageSize = pageSize;
        this.position = Objects.requireNonNull(start, "start");
    }

    CursorPosition position() {
        return position;
    }

    /**
     * The next changes before {@code settledBeforeMs}, without moving the cursor: call {@link #advance} once they are
     * handed over. An empty page that is {@code timeDone} means caught up.
     */
    Page next(long settledBeforeMs) throws UnavailableException {
        if (!timeDone && position.lastModifiedMs() < settledBeforeMs) {
            List<CrmContact> sameTime = pages.sameTimeAfter(position.lastModifiedMs(), position.id(), pageSize);
            if (!sameTime.isEmpty()) {
                List<CrmContact> ordered = sameTime.stream().sorted(CHANGE_ORDER).toList();
                return new Page(ordered, ordered.get(ordered.size() - 1).position(), sameTime.size() < pageSize);
            }
        }
        if (position.lastModifiedMs() + 1 >= settledBeforeMs) {
            return new Page(List.of(), position, true);
        }
        List<CrmContact> changed = pages.changedBetween(position.lastModifiedMs(), settledBeforeMs, pageSize);
        if (changed.isEmpty()) {
            return new Page(List.of(), position, true);
        }
        List<CrmContact> ordered = changed.stream().sorted(CHANGE_ORDER).toList();
        if (changed.size() < pageSize) {
            // Every change up to settledBeforeMs is in this page.
            return new Page(ordered, ordered.get(ordered.size() - 1).position(), true);
        }
        // A full page: its last time may go on in the next page, in any id order. Hand over the times before it,
        // then read that time by id, from id 0.
        long lastTime = ordered.get(ordered.size() - 1).lastModifiedMs();
        List<CrmContact> complete = ordered.stream().filter(contact -> contact.lastModifiedMs() < lastTime).toList();
        return new Page(complete, new CursorPosition(lastTime, 0), false);
    }

    /** Moves the cursor past a page returned by {@link #next}. */
    void advance(Page page) {
        position = page.end();
        timeDone = page.timeDone();
    }
}
