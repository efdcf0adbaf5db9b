package io.clayflow.cli.warehouse;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A process that holds a DuckDB file for writing, as the warehouse sink does while it writes a put: opens it, says
 * "holding" on stdout, and closes it once stdin gets a line (or ends).
 */
public final class HoldDuckDbFile {

    private HoldDuckDbFile() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
            writer.createStatement().execute("create table if not exists held (n integer)");
            System.out.println("holding");
            System.out.flush();
            System.in.read();
        }
    }
}
