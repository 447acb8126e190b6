package io.lecturelab.testsupport;

import io.quarkus.elytron.security.common.BcryptUtil;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Direct access to the app's PostgreSQL, for integration tests that set up people and courses. */
public final class AppDatabase {

    private final String url;

    public AppDatabase(String url) {
        this.url = url;
    }

    public long user(String username, String name, String password) {
        return insert("insert into app_user (username, display_name, password_hash) values (?, ?, ?) returning id",
                username, name, BcryptUtil.bcryptHash(password, 4));
    }

    /** A new student (user name: a fresh student ID) enrolled in the course; returns the user name. */
    public String newStudent(long courseId, String name, String password) {
        String username = "20" + UUID.randomUUID().toString().substring(0, 8);
        member(courseId, user(username, name, password), "STUDENT");
        return username;
    }

    public long course(String slug, String title) {
        return insert("insert into course (slug, title, term) values (?, ?, '2026 Fall') returning id", slug, title);
    }

    public void member(long courseId, long userId, String role) {
        insert("insert into course_member (course_id, user_id, role) values (?, ?, ?) returning id",
                courseId, userId, role);
    }

    public long courseId(String slug) {
        return insert("select id from course where slug = ?", slug);
    }

    public String text(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long insert(String sql, Object... parameters) {
        return Long.parseLong(text(sql, parameters));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
