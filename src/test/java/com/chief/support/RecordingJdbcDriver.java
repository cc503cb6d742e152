package com.chief.support;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * A JDBC driver for {@code jdbc:chief-recording:} URLs that connects to nothing: it records the URL,
 * user and password of every connection asked for and hands back a connection that is valid, runs no
 * SQL and can be closed. Stands in for the database driver under the AWS JDBC Wrapper and under Hikari,
 * to see what they log in with, on a machine without any database server.
 */
public final class RecordingJdbcDriver implements Driver {

    public static final String PREFIX = "jdbc:chief-recording:";

    /** One login: the URL the driver was given, the user and password in its properties. */
    public record Login(String url, String user, String password) {
    }

    private static final RecordingJdbcDriver INSTANCE = new RecordingJdbcDriver();
    private final List<Login> logins = new CopyOnWriteArrayList<>();

    public static synchronized RecordingJdbcDriver registered() throws SQLException {
        if (DriverManager.drivers().noneMatch(driver -> driver == INSTANCE)) {
            DriverManager.registerDriver(INSTANCE);
        }
        return INSTANCE;
    }

    public List<Login> logins() {
        return List.copyOf(logins);
    }

    public List<Login> loginsAs(String user) {
        return logins.stream().filter(login -> user.equals(login.user())).toList();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        logins.add(new Login(url, info.getProperty("user"), info.getProperty("password")));
        return connection();
    }

    private static Connection connection() {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(RecordingJdbcDriver.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> !closed[0];
                    case "isClosed" -> closed[0];
                    case "close", "abort" -> {
                        closed[0] = true;
                        yield null;
                    }
                    case "getAutoCommit" -> true;
                    case "getTransactionIsolation" -> Connection.TRANSACTION_REPEATABLE_READ;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingConnection";
                    case "createStatement", "prepareStatement", "prepareCall", "getMetaData", "nativeSQL" ->
                            throw new SQLException("the recording driver runs no SQL");
                    default -> defaultValue(method.getReturnType());
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
