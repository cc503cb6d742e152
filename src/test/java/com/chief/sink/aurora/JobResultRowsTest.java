package com.chief.sink.aurora;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobResultRowsTest {

    @Test
    void theDatabaseRanksStatusesAsJobStatusDoes() {
        assertThat(JobResultRows.rankSql("s")).isEqualTo(
                "CASE s WHEN 'Pending' THEN 1 WHEN 'InProgress' THEN 2 WHEN 'Completed' THEN 3 WHEN 'Failed' THEN 3 END");
        assertThat(JobResultRows.isStatusSql("s")).isEqualTo("s IN ('Pending', 'InProgress', 'Completed', 'Failed')");
    }
}
