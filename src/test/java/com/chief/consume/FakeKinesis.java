package com.chief.consume;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * A stream in memory behind the KinesisClient interface, enough for a shard reader: shards with hash
 * key ranges and records, closed or open, and shards that vanish (expired past the retention) on request.
 * Iterators are {@code <shardId>/<index of the next record>}.
 */
final class FakeKinesis {

    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    private final Set<String> unlisted = ConcurrentHashMap.newKeySet();
    private final Set<String> notFound = ConcurrentHashMap.newKeySet();
    private long sequence = 1000;
    /** The {@code limit} of every GetRecords call, in order. */
    final List<Integer> limitsAsked = new CopyOnWriteArrayList<>();

    Shard shard(String shardId, BigInteger from, BigInteger to) {
        Shard shard = Shard.builder().shardId(shardId)
                .hashKeyRange(HashKeyRange.builder().startingHashKey(from.toString()).endingHashKey(to.toString()).build())
                .build();
        shards.put(shardId, shard);
        records.put(shardId, new ArrayList<>());
        return shard;
    }

    /** A shard owning every hash key. */
    Shard shard(String shardId) {
        return shard(shardId, BigInteger.ZERO, BigInteger.TWO.pow(128).subtract(BigInteger.ONE));
    }

    /** Appends a plain (not aggregated) record. */
    void put(String shardId, String partitionKey, String data) {
        append(shardId, partitionKey, data.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends a KPL aggregate of user records, each {@code {partitionKey, explicitHashKey, data}}, in the KPL's format. */
    void putAggregate(String shardId, List<String[]> users) throws Exception {
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder();
        for (int i = 0; i < users.size(); i++) {
            aggregate.addPartitionKeyTable(users.get(i)[0]).addExplicitHashKeyTable(users.get(i)[1]);
            aggregate.addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(i).setExplicitHashKeyIndex(i)
                    .setData(ByteString.copyFromUtf8(users.get(i)[2])));
        }
        byte[] body = aggregate.build().toByteArray();
        byte[] magic = AggregatorUtil.AGGREGATED_RECORD_MAGIC;
        byte[] digest = MessageDigest.getInstance("MD5").digest(body);
        byte[] bytes = new byte[magic.length + body.length + digest.length];
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        System.arraycopy(body, 0, bytes, magic.length, body.length);
        System.arraycopy(digest, 0, bytes, magic.length + body.length, digest.length);
        append(shardId, users.get(0)[0], bytes);
    }

    void close(String shardId) {
        closed.add(shardId);
    }

    /** Gone from ListShards, and GetShardIterator/GetRecords answer ResourceNotFoundException, as after the retention. */
    void expire(String shardId) {
        unlisted.add(shardId);
        notFound.add(shardId);
    }

    /** GetShardIterator/GetRecords answer ResourceNotFoundException while ListShards still lists the shard. */
    void answerNotFound(String shardId) {
        notFound.add(shardId);
    }

    KinesisClient client() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length == 1 && args[0] instanceof Consumer) {
                return InvocationHandler.invokeDefault(proxy, method, args); // builds the request, calls back below
            }
            return switch (method.getName()) {
                case "getShardIterator" -> iterator((GetShardIteratorRequest) args[0]);
                case "getRecords" -> records((GetRecordsRequest) args[0]);
                case "listShards" -> ListShardsResponse.builder().shards(shards.values().stream()
                        .filter(s -> !unlisted.contains(s.shardId())).toList()).build();
                case "close" -> null;
                default -> throw new UnsupportedOperationException(method.getName());
            };
        };
        return (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(), new Class<?>[] {KinesisClient.class},
                handler);
    }

    String lastSequenceNumber(String shardId) {
        List<Record> list = records.get(shardId);
        return list.get(list.size() - 1).sequenceNumber();
    }

    private synchronized void append(String shardId, String partitionKey, byte[] data) {
        records.get(shardId).add(Record.builder().partitionKey(partitionKey).sequenceNumber(String.valueOf(sequence++))
                .approximateArrivalTimestamp(Instant.now()).data(SdkBytes.fromByteArray(data)).build());
    }

    private GetShardIteratorResponse iterator(GetShardIteratorRequest request) {
        String shardId = request.shardId();
        existing(shardId);
        int index = 0;
        if (request.shardIteratorType() == ShardIteratorType.AT_SEQUENCE_NUMBER) {
            List<Record> list = records.get(shardId);
            while (index < list.size() && !list.get(index).sequenceNumber().equals(request.startingSequenceNumber())) {
                index++;
            }
        }
        return GetShardIteratorResponse.builder().shardIterator(shardId + "/" + index).build();
    }

    private GetRecordsResponse records(GetRecordsRequest request) {
        String shardId = request.shardIterator().substring(0, request.shardIterator().indexOf('/'));
        existing(shardId);
        int from = Integer.parseInt(request.shardIterator().substring(shardId.length() + 1));
        List<Record> list = records.get(shardId);
        limitsAsked.add(request.limit());
        int to = Math.min(list.size(), from + (request.limit() == null ? 10_000 : request.limit()));
        boolean end = to == list.size() && closed.contains(shardId);
        return GetRecordsResponse.builder().records(List.copyOf(list.subList(from, to)))
                .nextShardIterator(end ? null : shardId + "/" + to).millisBehindLatest(0L).build();
    }

    private void existing(String shardId) {
        if (notFound.contains(shardId) || !shards.containsKey(shardId)) {
            throw ResourceNotFoundException.builder().message("Shard " + shardId + " in stream Stream does not exist").build();
        }
    }

    /** A reader of one of this fake's shards for application "app" of stream "Stream", as the consuming applications build theirs. */
    ShardReader reader(Shard shard, CheckpointStore checkpoints, BatchHandler handler, Path deadLetterDir, int batchSize) {
        return reader(shard, checkpoints, handler, deadLetterDir, batchSize, new ConsumerMetrics(new SimpleMeterRegistry()));
    }

    ShardReader reader(Shard shard, CheckpointStore checkpoints, BatchHandler handler, Path deadLetterDir, int batchSize,
            ConsumerMetrics metrics) {
        return new ShardReader(new ConsumerSettings("app", "Stream", ShardIteratorType.TRIM_HORIZON, 100, Duration.ofMillis(10),
                batchSize, Duration.ofMillis(10), 3), shard, client(), checkpoints, handler,
                new DeadLetters(deadLetterDir, new SimpleMeterRegistry()), metrics);
    }
}
