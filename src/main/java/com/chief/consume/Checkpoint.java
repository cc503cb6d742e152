package com.chief.consume;

/**
 * How far an application has processed a shard: every user record up to and including
 * ({@code sequenceNumber}, {@code subSequence}) is done. A checkpoint can sit inside a KPL
 * aggregate. {@link #SHARD_END} marks a closed shard read to its end.
 */
public record Checkpoint(String sequenceNumber, long subSequence) {

    public static final Checkpoint SHARD_END = new Checkpoint("SHARD_END", 0);

    public boolean isShardEnd() {
        return SHARD_END.sequenceNumber().equals(sequenceNumber);
    }

    /** Whether a user record is at or before this checkpoint (already processed). */
    public boolean covers(String sequence, long sub) {
        if (isShardEnd()) {
            return true;
        }
        int order = compareSequenceNumbers(sequence, sequenceNumber);
        return order < 0 || (order == 0 && sub <= subSequence);
    }

    /**
     * Kinesis sequence numbers are decimal digits without leading zeros (up to 56 of them): a shorter one is
     * smaller, and of two as long the one first in text order. As {@code BigInteger} would say, without
     * parsing two numbers per record.
     */
    static int compareSequenceNumbers(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
