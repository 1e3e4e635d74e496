package com.mobilityha.simulator.events;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kinesis data stream with one shard, holding the newest {@link #RETENTION} records (Kinesis keeps
 * 24 h; a count bounds memory here). Records are numbered from 0 since the stream was created; a
 * record's sequence number is that position in Kinesis's 56-digit decimal form, so sequence numbers
 * grow and compare as numbers, as Kinesis promises within a shard.
 */
final class KinesisStream {
    static final String SHARD_ID = "shardId-000000000000";
    static final int RETENTION = 100_000;

    private final String name;
    private final String arn;
    private final List<Record> records = new ArrayList<>();
    private long firstPosition;

    KinesisStream(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    synchronized void put(String partitionKey, byte[] data, Instant arrival) {
        records.add(new Record(sequenceNumber(firstPosition + records.size()), partitionKey, data, arrival));
        if (records.size() > RETENTION) {
            records.remove(0);
            firstPosition++;
        }
    }

    /** Up to {@code limit} records from {@code position} on (positions before the oldest kept read from the oldest). */
    synchronized List<Record> read(long position, int limit) {
        int from = (int) Math.max(0, position - firstPosition);
        int to = Math.min(records.size(), from + limit);
        return from >= to ? List.of() : List.copyOf(records.subList(from, to));
    }

    /** The position after the newest record (where LATEST starts). */
    synchronized long end() {
        return firstPosition + records.size();
    }

    synchronized long oldest() {
        return firstPosition;
    }

    /** When the newest record arrived, or null for an empty stream. */
    synchronized Instant newestArrival() {
        return records.isEmpty() ? null : records.get(records.size() - 1).arrival();
    }

    static String sequenceNumber(long position) {
        return "49" + String.format("%054d", position);
    }

    /** The position of a sequence number of this stream; -1 when it is not one. */
    static long position(String sequenceNumber) {
        if (sequenceNumber == null || !sequenceNumber.matches("49\\d{54}")) {
            return -1;
        }
        BigInteger value = new BigInteger(sequenceNumber.substring(2));
        return value.bitLength() < 63 ? value.longValue() : -1;
    }

    /** A data record. */
    record Record(String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {
        long position() {
            return KinesisStream.position(sequenceNumber);
        }
    }
}
