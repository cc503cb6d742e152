package com.chief.sink.search;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.util.List;
import java.util.function.Function;

/** Index actions as an elasticsearch-java bulk request, for camel-elasticsearch (Elasticsearch 9). */
final class ElasticsearchBulk {

    private ElasticsearchBulk() {
    }

    static List<BulkItemResult> send(List<IndexAction> actions, Function<Object, List<?>> route) {
        List<BulkOperation> operations = actions.stream().map(ElasticsearchBulk::operation).toList();
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
