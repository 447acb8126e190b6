package io.lecturelab.security;

import java.util.Map;
import java.util.Optional;

/**
 * A rule that features contribute (as CDI beans) to decide whether a signed-in user may open a view, e.g. only
 * members of a course may open its pages.
 */
public interface ViewAccessRule {

    /**
     * @param user            the signed-in user
     * @param view            the view class about to be shown
     * @param routeParameters the route's parameters, e.g. {@code courseId}
     * @return the message key of the reason to refuse, or empty to allow
     */
    Optional<String> refuse(SignedInUser user, Class<?> view, Map<String, String> routeParameters);

    /** Whether this rule is the one that declares who may open {@code view} (e.g. by an annotation it reads). */
    boolean governs(Class<?> view);
}
