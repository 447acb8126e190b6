package io.lecturelab.base;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL as the app starts it: durable, password-protected, and kept across restarts. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void the_server_keeps_what_it_acknowledged_and_admits_only_the_kept_password() throws Exception {
        Path postgres = dataDir.resolve("postgres").toAbsolutePath();
        Path passwordFile = dataDir.resolve("postgres.password");
        String url;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgres)) {
            url = database.jdbcUrl();
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            assertThat(database.datasource().password()).isEqualTo(password);
            assertThat(database.datasource().toString()).doesNotContain(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");

            try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                 Statement statement = connection.createStatement()) {
                assertThat(show(statement, "fsync")).isEqualTo("on");
                assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
                assertThat(show(statement, "full_page_writes")).isEqualTo("on");
                statement.execute("create table kept (note text)");
                statement.execute("insert into kept values ('still here')");
            }
            assertRefused(url, null);
            assertRefused(url, "wrong-" + password);
        }

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(postgres);
             Connection connection = DriverManager.getConnection(restarted.jdbcUrl(), "postgres",
                     Files.readString(passwordFile).strip());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select note from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
            assertThat(show(connection.createStatement(), "fsync")).isEqualTo("on");
            assertRefused(restarted.jdbcUrl(), null);
        }
    }

    @Test
    void a_data_folder_of_an_earlier_version_gets_a_password_and_keeps_its_data() throws Exception {
        Path postgres = dataDir.resolve("postgres").toAbsolutePath();
        // What earlier versions made: zonky's defaults, anyone on localhost admitted without a password.
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(postgres)
                .setCleanDataDirectory(false).start();
             Connection connection = earlier.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (note text)");
            statement.execute("insert into kept values ('from before')");
        }
        assertThat(EmbeddedDatabase.trustsAnyone(postgres.resolve("pg_hba.conf"))).isTrue();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(postgres)) {
            Path passwordFile = dataDir.resolve("postgres.password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            String url = database.jdbcUrl().replace("/" + EmbeddedDatabase.DATABASE, "/postgres");
            try (Connection connection = DriverManager.getConnection(url, "postgres",
                    Files.readString(passwordFile).strip());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select note from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("from before");
            }
            assertRefused(url, null);
            assertRefused(url, "not-the-password");
        }
        assertThat(EmbeddedDatabase.trustsAnyone(postgres.resolve("pg_hba.conf"))).isFalse();
    }

    @Test
    void a_protected_data_folder_without_its_password_file_says_what_is_missing() throws Exception {
        Path postgres = dataDir.resolve("postgres").toAbsolutePath();
        EmbeddedDatabase.start(postgres).close();
        Files.delete(EmbeddedDatabase.passwordFile(postgres));

        assertThatThrownBy(() -> EmbeddedDatabase.start(postgres))
                .hasMessageContaining("postgres.password is missing");
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("show " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", password).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }
}
