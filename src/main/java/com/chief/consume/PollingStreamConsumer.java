package com.chief.consume;

import com.chief.health.Reasons;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Single-instance consumption of one stream by one application: a reader per shard, each on its
 * own thread. Shards are listed again every few seconds; a child shard (after a split or merge) is
 * read only once its parents are read to their end, so per-key order holds across a reshard.
 */
public final class PollingStreamConsumer extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(PollingStreamConsumer.class);
    private static final Duration SHARD_SYNC = Duration.ofSeconds(5);

    private final ConsumerSettings settings;
    private final KinesisClient kinesis;
    private final CheckpointStore checkpoints;
    private final BatchHandler handler;
    private final DeadLetters deadLetters;
    private final ConsumerMetrics metrics;
    private final Set<String> reading = ConcurrentHashMap.newKeySet();
    private ExecutorService threads;
    private volatile boolean running;

    public PollingStreamConsumer(ConsumerSettings settings, KinesisClient kinesis, CheckpointStore checkpoints,
            BatchHandler handler, DeadLetters deadLetters, ConsumerMetrics metrics) {
        this.settings = settings;
        this.kinesis = kinesis;
        this.checkpoints = checkpoints;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    protected void doStart() {
        running = true;
        reading.clear(); // started again after a stop (the ownership fence does that): every shard is read anew
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "kinesis-" + settings.application());
            thread.setDaemon(true);
            return thread;
        });
        threads.submit(this::syncShards);
    }

    /**
     * Once the readers have ended, lets the handler forget what it holds for each shard, unwritten: a
     * stop here is an ownership change (or Chief's stop), and the shard's next reader replays from the
     * checkpoint; a stale buffer written later could overwrite what that reader wrote under the same key.
     */
    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        threads.shutdownNow();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("{}: shard readers still running 30 s after the stop", settings.application());
        }
        for (String shardId : reading) {
            handler.release(shardId);
        }
    }

    private void syncShards() {
        while (running) {
            try {
                List<Shard> shards = kinesis.listShards(r -> r.streamName(settings.stream())).shards();
                Set<String> listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
                for (Shard shard : shards) {
                    if (!reading.contains(shard.shardId()) && parentsDone(shard, listed)) {
                        reading.add(shard.shardId());
                        threads.submit(() -> read(new ShardReader(settings, shard, kinesis, checkpoints, handler, deadLetters,
                                metrics)));
                    }
                }
            } catch (Exception e) {
                LOG.warn("{}: cannot list the shards of {}: {}", settings.application(), settings.stream(), Reasons.of(e));
            }
            if (!pause(SHARD_SYNC)) {
                return;
            }
        }
    }

    private boolean parentsDone(Shard shard, Set<String> listed) throws Exception {
        for (String parent : new String[] {shard.parentShardId(), shard.adjacentParentShardId()}) {
            if (parent == null || !listed.contains(parent)) {
                continue; // no parent, or it has expired from the stream
            }
            Optional<Checkpoint> done = checkpoints.load(settings.application(), settings.stream(), parent);
            if (done.isEmpty() || !done.get().isShardEnd()) {
                return false;
            }
        }
        return true;
    }

    private void read(ShardReader reader) {
        LOG.info("{}: reading {} / {}", settings.application(), settings.stream(), reader.shardId());
        while (running) {
            ShardReader.Step step;
            try {
                step = reader.step();
            } catch (Exception e) {
                LOG.warn("{}: reading {} failed, trying again: {}", settings.application(), reader.shardId(), Reasons.of(e));
                step = ShardReader.Step.FAILED;
            }
            Duration pause = switch (step) {
                // backlog or not, one GetRecords per poll delay: the 5 calls/s per shard are shared by every application
                case MORE, IDLE -> settings.pollDelay();
                case FAILED -> reader.backoff();
                case FINISHED -> null;
            };
            if (pause == null || !pause(pause)) {
                break;
            }
        }
        reader.stopped();
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
