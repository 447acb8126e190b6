package io.lecturelab.base;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server started from the zonky binaries, for machines without a database server.
 * Its data directory is kept between runs.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "lecturelab";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** True unless a datasource URL was configured through the environment or a system property. */
    public static boolean isWanted() {
        return isBlank(System.getProperty("quarkus.datasource.jdbc.url"))
                && isBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            removeStaleLock(dataDirectory);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres);
            database.createDatabaseIfMissing();
            LOG.infof("Embedded PostgreSQL on port %d (data in %s) started in %d ms", postgres.getPort(),
                    dataDirectory.toAbsolutePath(), (System.nanoTime() - started) / 1_000_000);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    /** Points Quarkus at this server; explicit configuration still wins because this runs only without it. */
    public void exportAsDatasource() {
        System.setProperty("quarkus.datasource.jdbc.url", jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + DATABASE + " encoding 'UTF8'");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    /**
     * After a hard kill PostgreSQL leaves {@code postmaster.pid} behind, and possibly its server still running with
     * nobody to stop it. A lock whose process is gone is removed; a server orphaned by an earlier run of ours (a
     * postgres process holding this data directory) is shut down so that this run can start its own.
     */
    static void removeStaleLock(Path dataDirectory) throws IOException {
        Path lock = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(lock)) {
            return;
        }
        List<String> lines = Files.readAllLines(lock);
        Optional<ProcessHandle> owner = (lines.isEmpty() ? Optional.<Long>empty() : parsePid(lines.getFirst()))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().filter(command -> command.contains("postgres"))
                        .isPresent());
        if (owner.isPresent()) {
            LOG.warnf("Stopping PostgreSQL server %d left running by an earlier run", owner.get().pid());
            owner.get().destroy();
            try {
                owner.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL server", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("An orphaned PostgreSQL server (pid " + owner.get().pid()
                        + ") holds " + dataDirectory + " and did not stop; stop it and start again", e);
            }
        }
        if (Files.deleteIfExists(lock)) {
            LOG.warnf("Removed stale PostgreSQL lock file %s", lock);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
