package com.chief.tailor;

import com.chief.model.JobStatus;

/**
 * A robot that sews: it reports each status change of a job to the listener, and answers what it
 * knows of a job by the job's id, so that a job is never run twice (after a restart or a shard
 * hand-over the workshop asks before it starts anything). Swap in real robots here.
 */
public interface RoboTailor {

    interface Listener {
        void statusChanged(Job job, JobStatus status, String reason);
    }

    /** What a robot knows of a job. */
    enum Phase { UNKNOWN, RUNNING, FINISHED }

    /** A job's state at the robot; {@code status} and {@code reason} only once it is FINISHED. */
    record JobState(Phase phase, JobStatus status, String reason) {

        public static final JobState UNKNOWN = new JobState(Phase.UNKNOWN, null, null);
        public static final JobState RUNNING = new JobState(Phase.RUNNING, null, null);

        public static JobState finished(JobStatus status, String reason) {
            return new JobState(Phase.FINISHED, status, reason);
        }
    }

    /**
     * Takes the job (already Pending) by its id; reports InProgress, then Completed or Failed. A job
     * the robot has already is not started again. Must not block.
     */
    void start(Job job, Listener listener);

    /** What the robot knows of the job with this id (queued counts as RUNNING). */
    JobState state(String jobId);
}
