package com.chief.ops;

import com.chief.sink.search.SearchLookup;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The search engine: an order is its document in an orders index, a final status the order's
 * document in the job status index with that status. By own time: the status documents' event
 * time; order documents carry only the order's own date (which may be years before its arrival),
 * so extra orders are not looked for in search.
 */
final class SearchSink implements ReconciledSink {

    private final SearchLookup lookup;

    SearchSink(SearchLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public boolean holdsOrders() {
        return true;
    }

    @Override
    public Set<String> present(Set<String> orderIds, Set<String> finalIds) throws Exception {
        Set<String> present = new HashSet<>(lookup.orders(orderIds));
        Set<String> finals = lookup.finalStatuses(Reconciliation.orderIdsOf(finalIds));
        finals.retainAll(finalIds);
        present.addAll(finals);
        return present;
    }

    @Override
    public Set<String> heldBetween(Instant from, Instant to) throws Exception {
        return lookup.finalStatusesBetween(from, to);
    }
}
