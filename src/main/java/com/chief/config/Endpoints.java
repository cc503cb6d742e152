package com.chief.config;

/** Human-readable endpoint descriptions for logs and health output. */
public final class Endpoints {

    private Endpoints() {
    }

    public static String kinesis(ChiefSettings settings) {
        return settings.kinesis().endpoint().map(Object::toString)
                .orElse("AWS Kinesis " + settings.region());
    }

    public static String s3(ChiefSettings settings) {
        return settings.s3().endpoint().map(Object::toString)
                .orElse("AWS S3 " + settings.region());
    }

    static String embedded(boolean embedded) {
        return embedded ? " (embedded)" : "";
    }
}
