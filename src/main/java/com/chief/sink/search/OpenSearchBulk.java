package com.chief.sink.search;

import java.util.List;
import java.util.function.Function;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/** Index actions as an opensearch-java bulk request, for camel-opensearch. */
final class OpenSearchBulk {

    private OpenSearchBulk() {
    }

    static List<BulkItemResult> send(List<IndexAction> actions, Function<Object, List<?>> route) {
        List<BulkOperation> operations = actions.stream().map(OpenSearchBulk::operation).toList();
        return route.apply(new BulkRequest.Builder().operations(operations)).stream()
                .map(item -> result((BulkResponseItem) item))
                .toList();
    }

    private static BulkOperation operation(IndexAction action) {
        return BulkOperation.of(op -> op.index(i -> {
            i.index(action.index()).id(action.id()).document(action.document());
            if (action.externalVersion() != null) {
                i.version(action.externalVersion()).versionType(VersionType.External);
            }
            return i;
        }));
    }

    private static BulkItemResult result(BulkResponseItem item) {
        return item.error() == null
                ? new BulkItemResult(item.status(), item.index(), null, null)
                : new BulkItemResult(item.status(), item.index(), item.error().type(), item.error().reason());
    }
}
