package com.chief.support;

import java.time.Instant;

/** Archive lines as Chief writes them (an order, a job result), for tests that fill the archive by hand. */
public final class ArchiveLines {

    private ArchiveLines() {
    }

    public static String order(String id, Instant at) {
        return "{\"orderId\":\"" + id + "\",\"channel\":\"STORE\",\"customer\":\"" + id + "@example.com\",\"gender\":\"F\","
                + "\"measurements\":{\"bust\":40.5,\"weight\":60,\"hip\":30,\"waist\":20},\"material\":\"velvet\","
                + "\"design\":\"custom\",\"storeId\":\"store-7\",\"zone\":\"West\",\"orderedAt\":\"" + at + "\"}";
    }

    public static String result(String id, String status, Instant at) {
        return "{\"orderId\":\"" + id + "\",\"customer\":\"" + id + "@example.com\",\"factoryId\":\"factory1\","
                + "\"robotId\":\"robot2\",\"status\":\"" + status + "\",\"timestamp\":\"" + at + "\"}";
    }
}
