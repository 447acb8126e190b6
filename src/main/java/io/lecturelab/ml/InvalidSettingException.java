package io.lecturelab.ml;

/**
 * A rejected setting or input value. The message starts with the message key (for example
 * {@code ml.error.learningRate: ...}) so that a UI can translate it; {@link #messageKey()} gives the key alone.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String messageKey;

    public InvalidSettingException(String messageKey, String message) {
        super(messageKey + ": " + message);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }

    /** Throws when {@code condition} is false. */
    public static void require(boolean condition, String messageKey, String message) {
        if (!condition) {
            throw new InvalidSettingException(messageKey, message);
        }
    }
}
