package io.lecturelab.security;

import java.io.Serializable;
import java.util.Optional;

/** The facts about the signed-in user that views need; kept in the UI session. */
public record SignedInUser(long id, String username, String displayName, boolean admin, Optional<String> locale,
                           boolean mustChangePassword) implements Serializable {

    /**
     * The application itself, for start-up tasks such as creating the sample course: acts as an administrator.
     * Never the identity of a request.
     */
    public static SignedInUser system() {
        return new SignedInUser(0, "system", "LectureLab", true, Optional.empty(), false);
    }

    public static SignedInUser of(User user) {
        return new SignedInUser(user.getId(), user.getUsername(), user.getDisplayName(),
                user.getSystemRole() == SystemRole.ADMIN, Optional.ofNullable(user.getLocale()),
                user.isMustChangePassword());
    }
}
