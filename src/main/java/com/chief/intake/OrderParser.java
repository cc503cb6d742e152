package com.chief.intake;

import com.chief.model.Channel;
import com.chief.model.Json;
import com.chief.model.Measurements;
import com.chief.model.Order;
import com.chief.model.ReferenceData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns an order record (2017 field names or clean ones) into a validated {@link Order}.
 *
 * <p>Order id rule: the record's {@code orderId} (or {@code id}) when it has one; otherwise
 * {@code o-} followed by the first 32 hex digits of the SHA-256 of the record's text exactly as
 * it stands in the file (trimmed). The same record dropped again gets the same id, in any file, in
 * an array or as a line of NDJSON; two byte-identical records without ids are the same order.
 */
public final class OrderParser implements RecordParser {

    private final ReferenceData reference;
    private final Clock clock;

    public OrderParser(ReferenceData reference, Clock clock) {
        this.reference = reference;
        this.clock = clock;
    }

    @Override
    public ParsedRecord parse(RawRecord raw) {
        try {
            Order order = order(raw);
            // the order id is the partition key: consumers dedupe orders by it without parsing (DedupeKeys.order)
            return new ParsedRecord.Accepted(order.orderId(), Json.MAPPER.writeValueAsBytes(order));
        } catch (InvalidRecordException e) {
            return e.toRejected();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an order", e);
        }
    }

    private Order order(RawRecord raw) {
        Fields fields = Fields.of(raw);
        String orderId = fields.id("orderId", "id").orElseGet(() -> derivedId(raw.text()));
        String customer = fields.email("userid", "userId", "email", "customer");
        String genderText = fields.requiredText("gender");
        String gender = reference.gender(genderText).orElseThrow(() -> new InvalidRecordException(
                RejectReason.UNKNOWN_GENDER, "'" + Fields.abbreviate(genderText) + "' (known: " + reference.genders() + ")"));

        JsonNode sizeNode = fields.required("size");
        Channel channel = sizeNode.isObject() ? Channel.STORE : Channel.ONLINE;
        String size = null;
        Measurements measurements = null;
        if (channel == Channel.STORE) {
            measurements = measurements(sizeNode);
        } else {
            String sizeText = sizeNode.asText().strip();
            size = reference.size(sizeText).orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_SIZE,
                    "'" + Fields.abbreviate(sizeText) + "' (known: " + reference.sizes() + ", or body measurements)"));
        }

        String materialText = fields.requiredText("material");
        String material = reference.material(materialText).orElseThrow(() -> new InvalidRecordException(
                RejectReason.UNKNOWN_MATERIAL, "'" + Fields.abbreviate(materialText) + "' (known: " + reference.materials() + ")"));
        String design = design(fields.requiredText("design"), gender, channel);

        String storeId = fields.optionalText("storeId", "store").map(store -> reference.store(store)
                .orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_STORE, "'" + Fields.abbreviate(store) + "'")))
                .orElse(null);
        String zone;
        Boolean zoneAssigned = null;
        if (storeId != null) {
            zone = reference.zoneOfStore(storeId);
        } else {
            var zoneText = fields.optionalText("zone", "shippingZone");
            if (zoneText.isPresent()) {
                zone = reference.zone(zoneText.get()).orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_ZONE,
                        "'" + Fields.abbreviate(zoneText.get()) + "' (known: " + reference.zones() + ")"));
            } else {
                zone = assignedZone(orderId);
                zoneAssigned = true;
            }
        }
        return new Order(orderId, channel, customer, gender, size, measurements, material, design, storeId, zone,
                zoneAssigned, fields.timestamp(clock, "activityTimestamp", "timestamp", "orderedAt"));
    }

    private String design(String designText, String gender, Channel channel) {
        if (reference.isCustom(designText)) {
            if (channel != Channel.STORE) {
                throw new InvalidRecordException(RejectReason.UNKNOWN_DESIGN,
                        "'" + reference.customDesign() + "' needs body measurements (a store order), but size is a label");
            }
            return reference.customDesign();
        }
        return reference.design(gender, designText).orElseThrow(() -> new InvalidRecordException(RejectReason.UNKNOWN_DESIGN,
                "'" + Fields.abbreviate(designText) + "' is not a design for gender " + gender + " (known: "
                        + reference.designs(gender) + (channel == Channel.STORE ? ", " + reference.customDesign() : "") + ")"));
    }

    private Measurements measurements(JsonNode size) {
        Map<String, ReferenceData.Range> ranges = reference.measurements();
        List<Double> values = new ArrayList<>();
        for (String name : List.of("bust", "weight", "hip", "waist")) {
            JsonNode value = size.get(name);
            if (value == null || value.isNull()) {
                throw new InvalidRecordException(RejectReason.MISSING_FIELD, "'size." + name + "' of a store order");
            }
            double number = Fields.number(value, "size." + name);
            ReferenceData.Range range = ranges.get(name);
            if (range != null && !range.contains(number)) {
                throw new InvalidRecordException(RejectReason.INVALID_MEASUREMENT, "'size." + name + "' is " + value.asText()
                        + ", outside " + fmt(range.min()) + "-" + fmt(range.max()));
            }
            values.add(number);
        }
        return new Measurements(values.get(0), values.get(1), values.get(2), values.get(3));
    }

    /** 2017 online orders carry no address: spread them over the zones, the same way every time. */
    private String assignedZone(String orderId) {
        List<String> zones = reference.zones();
        return zones.get(Math.floorMod(orderId.hashCode(), zones.size()));
    }

    /** The id of a record that carries none: see the order id rule above. */
    public static String derivedId(String rawText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawText.strip().getBytes(StandardCharsets.UTF_8));
            return "o-" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
