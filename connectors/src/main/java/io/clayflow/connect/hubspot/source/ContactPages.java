package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.resilience.UnavailableException;
import java.util.List;

/** The two searches the {@link ChangeCursor} pages with; HubSpot's search API in production. */
interface ContactPages {

    /** Up to {@code limit} contacts modified at exactly {@code modifiedMs} with an id above {@code afterId}, by id. */
    List<CrmContact> sameTimeAfter(long modifiedMs, long afterId, int limit) throws UnavailableException;

    /**
     * Up to {@code limit} contacts modified after {@code afterMs} and before {@code beforeMs}, ascending by
     * modification time (equal times in any order).
     */
    List<CrmContact> changedBetween(long afterMs, long beforeMs, int limit) throws UnavailableException;
}
