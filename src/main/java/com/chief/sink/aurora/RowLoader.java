package com.chief.sink.aurora;

import com.chief.db.Transactions;
import com.chief.sink.s3.ArchiveFormat;
import java.io.BufferedReader;
import java.io.InputStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The default load mode: streams an object from S3 and writes its lines in batches, one
 * transaction per batch. A run that dies half-way leaves whole batches behind; loading the
 * object again finds those rows present and adds the rest.
 */
public final class RowLoader implements ObjectLoader {

    private final S3Client s3;
    private final String bucket;
    private final DataSource dataSource;
    private final int batchSize;
    private final TableRows orders = new OrderRows();
    private final TableRows jobResults = new JobResultRows();

    public RowLoader(S3Client s3, String bucket, DataSource dataSource, int batchSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    @Override
    public LoadCounts load(StoredObject object) throws Exception {
        TableRows rows = object.isJobResults() ? jobResults : orders;
        LoadCounts counts = LoadCounts.NONE;
        try (ResponseInputStream<GetObjectResponse> response = s3.getObject(r -> r.bucket(bucket).key(object.key()));
                InputStream raw = new ReceivedBody(response, object.key(), contentLength(response.response()));
                BufferedReader reader = ArchiveFormat.lines(object.key(), raw)) {
            List<ArchiveLine> batch = new ArrayList<>(batchSize);
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (!text.isBlank()) {
                    batch.add(new ArchiveLine(number, text));
                }
                if (batch.size() == batchSize) {
                    counts = counts.plus(write(rows, object, batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                counts = counts.plus(write(rows, object, batch));
            }
        }
        return counts;
    }

    private static long contentLength(GetObjectResponse response) {
        return response.contentLength() == null ? -1 : response.contentLength();
    }

    private LoadCounts write(TableRows rows, StoredObject object, List<ArchiveLine> batch) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return Transactions.run(connection, writing -> rows.write(writing, object, batch));
        }
    }
}
