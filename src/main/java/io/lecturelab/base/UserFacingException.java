package io.lecturelab.base;

import java.util.Arrays;

/**
 * A request that was refused for a reason the user can act on. It carries a message key and arguments so the UI can
 * say it in the user's language; nothing was changed when it is thrown.
 */
public class UserFacingException extends RuntimeException {

    private final String messageKey;
    private final transient Object[] arguments;

    public UserFacingException(String messageKey, Object... arguments) {
        super(messageKey + Arrays.toString(arguments));
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
