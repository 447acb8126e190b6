package io.lecturelab.ml;

/**
 * A failure of the classifier engine that the UI can translate: {@link #messageKey()} names the message
 * (for example {@code ml.error.notAnImage}); {@link #getMessage()} is an English explanation for logs.
 */
public class MlException extends RuntimeException {

    private final String messageKey;
    private final String detail;

    public MlException(String messageKey, String message) {
        this(messageKey, message, null);
    }

    public MlException(String messageKey, String message, Throwable cause) {
        super(messageKey + ": " + message, cause);
        this.messageKey = messageKey;
        this.detail = message;
    }

    /** The English explanation without the key. */
    public String detail() {
        return detail;
    }

    public String messageKey() {
        return messageKey;
    }
}
