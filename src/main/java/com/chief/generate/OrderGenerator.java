package com.chief.generate;

import com.chief.model.ReferenceData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * Realistic order records as customers' systems send them: online orders in the 2017 format
 * (no id, {@code userid}, {@code yyyy/MM/dd HH:mm:ss}) or the clean one (an order id, ISO-8601),
 * store orders with measurements as strings; a share of exact duplicates and of invalid records.
 */
public final class OrderGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ReferenceData reference;
    private final Random random;
    private final Faker faker;
    private final Clock clock;
    private final List<Function<ObjectNode, String>> corruptions = List.of(
            order -> order.put("userid", "customer-without-email").toString(),
            order -> order.put("design", "plaid").toString(),
            order -> order.put("material", "silk").toString(),
            order -> order.put("gender", "Z").toString(),
            order -> order.put("activityTimestamp", "tomorrow-ish").toString(),
            order -> order.without(List.of("activityTimestamp", "timestamp")).toString(),
            order -> order.toString().replaceFirst("\\{\"", "{{\""), // the 2017 README's broken example
            order -> order.toString().replace("\"size\"", "size"));

    public OrderGenerator(ReferenceData reference, long seed, Clock clock) {
        this.reference = reference;
        this.random = new Random(seed);
        this.faker = new Faker(Locale.US, random);
        this.clock = clock;
    }

    /** Generated records, and how many of them are valid (repeats included: intake produces them, the consumers drop them). */
    public record Generated(List<String> records, long valid) {
        public long invalid() {
            return records.size() - valid;
        }
    }

    private record Entry(String text, boolean valid) {
    }

    /** {@code online + store} records, then duplicates and invalid ones mixed in at the given shares. */
    public Generated generate(int online, int store, double duplicateShare, double invalidShare) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < online + store; i++) {
            ObjectNode order = i < online ? onlineOrder() : storeOrder();
            if (random.nextDouble() < invalidShare) {
                entries.add(new Entry(corruptions.get(random.nextInt(corruptions.size())).apply(order), false));
            } else {
                entries.add(new Entry(order.toString(), true));
            }
            if (random.nextDouble() < duplicateShare) {
                entries.add(entries.get(random.nextInt(entries.size())));
            }
        }
        Collections.shuffle(entries, random);
        return new Generated(entries.stream().map(Entry::text).toList(), entries.stream().filter(Entry::valid).count());
    }

    ObjectNode onlineOrder() {
        ObjectNode order = JSON.createObjectNode();
        String gender = pick(List.of("M", "F", "F", "M", "O"));
        Instant at = recent();
        if (random.nextBoolean()) { // the 2017 format: no order id, legacy timestamp, no zone
            order.put("userid", email());
            order.put("gender", gender);
            order.put("size", pick(reference.sizes()));
            order.put("material", pick(reference.materials()));
            order.put("design", pick(reference.designs(gender)));
            order.put("activityTimestamp", LEGACY.format(at));
        } else {
            order.put("orderId", "web-" + faker.number().digits(10));
            order.put("email", email());
            order.put("gender", gender);
            order.put("size", pick(reference.sizes()));
            order.put("material", pick(reference.materials()));
            order.put("design", pick(reference.designs(gender)));
            order.put("zone", pick(reference.zones()));
            order.put("timestamp", at.toString());
        }
        return order;
    }

    ObjectNode storeOrder() {
        ObjectNode order = JSON.createObjectNode();
        String gender = pick(List.of("M", "F", "O"));
        order.put("orderId", "store-" + faker.number().digits(10));
        order.put("userid", email());
        order.put("gender", gender);
        order.put("storeId", pick(reference.stores()));
        ObjectNode size = order.putObject("size");
        reference.measurements().forEach((name, range) -> size.put(name,
                String.valueOf((int) (range.min() + random.nextDouble() * (range.max() - range.min()) * 0.8 + 1))));
        order.put("material", pick(reference.materials()));
        order.put("design", random.nextInt(3) == 0 ? pick(reference.designs(gender)) : reference.customDesign());
        order.put("activityTimestamp", LEGACY.format(recent()));
        return order;
    }

    private String email() {
        return faker.internet().emailAddress(faker.name().username().replaceAll("[^a-z0-9._]", ""));
    }

    private Instant recent() {
        return clock.instant().minus(random.nextInt(3600), ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
