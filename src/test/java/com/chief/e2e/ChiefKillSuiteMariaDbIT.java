package com.chief.e2e;

import com.chief.support.MariaDb;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The kill suite ({@link KillSuite}) with MariaDB as Aurora's stand-in. */
class ChiefKillSuiteMariaDbIT extends KillSuite {

    @TestFactory
    Stream<DynamicTest> withMariaDbAsAuroraStandIn() throws Exception {
        String database = MariaDb.createDatabase();
        return run("mariadb", Map.of(
                "CHIEF_DB_URL", MariaDb.server() + database + "?useBulkStmts=false&useBulkStmtsForInserts=false",
                "CHIEF_DB_USER", "root"), chief -> MariaDb.url(database), () -> MariaDb.dropDatabase(database));
    }
}
