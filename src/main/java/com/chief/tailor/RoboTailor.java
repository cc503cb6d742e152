package com.chief.tailor;

import com.chief.model.JobStatus;

/** A robot that sews: it reports each status change of a job to the listener. Swap in real robots here. */
public interface RoboTailor {

    interface Listener {
        void statusChanged(Job job, JobStatus status, String reason);
    }

    /** Takes the job (already Pending); reports InProgress, then Completed or Failed. Must not block. */
    void start(Job job, Listener listener);
}
