package com.chief.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import java.util.OptionalDouble;

/** Sums and maxima over Chief's meters by name and tags (key, value, key, value, …); a meter not registered yet reads 0. */
final class MeterReadings {

    private final MeterRegistry meters;

    MeterReadings(MeterRegistry meters) {
        this.meters = meters;
    }

    long counter(String name, String... tags) {
        return Math.round(search(name, tags).counters().stream().mapToDouble(Counter::count).sum());
    }

    /** How often a timer recorded (one run each). */
    long timerCount(String name, String... tags) {
        return search(name, tags).timers().stream().mapToLong(Timer::count).sum();
    }

    long gaugeSum(String name, String... tags) {
        return Math.round(search(name, tags).gauges().stream().mapToDouble(Gauge::value).filter(Double::isFinite).sum());
    }

    /** The largest value, empty when no such gauge is registered (nothing measured, not 0). */
    OptionalDouble gaugeMax(String name, String... tags) {
        return search(name, tags).gauges().stream().mapToDouble(Gauge::value).filter(Double::isFinite).max();
    }

    long gaugeCount(String name, String... tags) {
        return search(name, tags).gauges().size();
    }

    private Search search(String name, String... tags) {
        return meters.find(name).tags(tags);
    }
}
