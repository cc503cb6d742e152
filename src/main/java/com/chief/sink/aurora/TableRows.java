package com.chief.sink.aurora;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** How one kind of archive line becomes rows: a batch of lines in, what happened out (on the caller's transaction). */
interface TableRows {

    LoadCounts write(Connection connection, StoredObject object, List<ArchiveLine> lines) throws SQLException;
}
