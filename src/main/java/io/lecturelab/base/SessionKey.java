package io.lecturelab.base;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts sign-in cookies. Without one configured, a random key is made once and kept (readable only by
 * its owner) in the data folder, so sign-ins survive restarts and no key is ever printed.
 */
public final class SessionKey {

    static final String PROPERTY = "quarkus.http.auth.session.encryption-key";

    private SessionKey() {
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    public static void provide(Path dataDirectory) {
        if (isSet(System.getProperty(PROPERTY)) || isSet(System.getenv("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"))) {
            return;
        }
        Path file = dataDirectory.resolve("session.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDirectory);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path temporary = Files.createTempFile(dataDirectory, "session", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Base64.getEncoder().encodeToString(random));
                Files.move(temporary, file);
            }
            System.setProperty(PROPERTY, Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }
}
