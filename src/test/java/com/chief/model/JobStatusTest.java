package com.chief.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void aStatusMovesOnlyForwardAndTheFirstFinalStatusStays() {
        assertThat(JobStatus.Pending.precedes(JobStatus.InProgress)).isTrue();
        assertThat(JobStatus.Pending.precedes(JobStatus.Completed)).isTrue();
        assertThat(JobStatus.InProgress.precedes(JobStatus.Failed)).isTrue();
        assertThat(JobStatus.InProgress.precedes(JobStatus.Pending)).isFalse();
        assertThat(JobStatus.Completed.precedes(JobStatus.InProgress)).isFalse();
        assertThat(JobStatus.Completed.precedes(JobStatus.Failed)).isFalse();
        assertThat(JobStatus.Failed.precedes(JobStatus.Completed)).isFalse();
        assertThat(JobStatus.Completed.rank()).isEqualTo(JobStatus.Failed.rank()).isEqualTo(3);
    }
}
