package com.chief.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The record the producer sends to each stream before real traffic. The KPL aggregates only once
 * it knows a stream's shards, and it learns them from the first record it sends there: without
 * this, the first thousand orders would each take a Kinesis record of their own. Consumers skip it.
 */
public final class WarmUpRecord {

    public static final String PARTITION_KEY = "chief-warm-up";

    private WarmUpRecord() {
    }

    public static byte[] data() {
        return ("{\"chiefWarmUp\":true,\"at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static boolean is(String partitionKey) {
        return PARTITION_KEY.equals(partitionKey);
    }
}
