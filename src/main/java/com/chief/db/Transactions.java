package com.chief.db;

import java.sql.Connection;
import java.sql.SQLException;

/** One transaction on an open connection: committed if the work returns, rolled back if it throws. */
public final class Transactions {

    /** Work done in a transaction, with its result. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection connection) throws SQLException, E;
    }

    private Transactions() {
    }

    /** Runs {@code work} in one transaction on {@code connection}, whose auto-commit mode is restored after. */
    public static <T, E extends Exception> T run(Connection connection, Work<T, E> work) throws SQLException, E {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (Exception e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
