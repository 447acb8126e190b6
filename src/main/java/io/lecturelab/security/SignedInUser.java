package io.lecturelab.security;

import java.io.Serializable;
import java.util.Optional;

/** The facts about the signed-in user that views need; kept in the UI session. */
public record SignedInUser(long id, String username, String displayName, boolean admin, Optional<String> locale,
                           boolean mustChangePassword) implements Serializable {

    public static SignedInUser of(User user) {
        return new SignedInUser(user.getId(), user.getUsername(), user.getDisplayName(),
                user.getSystemRole() == SystemRole.ADMIN, Optional.ofNullable(user.getLocale()),
                user.isMustChangePassword());
    }
}
