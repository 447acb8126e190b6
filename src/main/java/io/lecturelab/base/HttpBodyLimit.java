package io.lecturelab.base;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

/**
 * Answers {@code quarkus.http.limits.max-body-size} (read at run time, by Vert.x and Undertow) from the app's own
 * upload limits, so that the HTTP layer never refuses with a bare 413 what the app promises to accept: the largest
 * of {@code lecturelab.lectures.max-attachment-bytes}, {@code lecturelab.max-roster-bytes},
 * {@code lecturelab.coursework.max-file-bytes} and the lab's picture limit, plus {@link #OVERHEAD}
 * for request framing. A value set explicitly (properties, environment, system property) is kept as it is.
 * Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}; its priority puts it outside
 * SmallRye's profile and expression interceptors, so the limits it reads honour {@code %prod.} and the like.
 */
@Priority(HttpBodyLimit.PRIORITY)
public class HttpBodyLimit implements ConfigSourceInterceptor {

    static final int PRIORITY = 5100;
    public static final String PROPERTY = "quarkus.http.limits.max-body-size";
    /** Room above the largest upload for multipart boundaries and part headers (a raw upload needs none). */
    public static final long OVERHEAD = 1024 * 1024;
    static final String ATTACHMENT = "lecturelab.lectures.max-attachment-bytes";
    static final String ROSTER = "lecturelab.max-roster-bytes";
    static final String SUBMISSION = "lecturelab.coursework.max-file-bytes";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!PROPERTY.equals(name) || (value != null && explicit(value))) {
            return value;
        }
        long largest = Math.max(Math.max(LectureLabConfig.LAB_MAX_IMAGE_BYTES,
                        limit(context, SUBMISSION, LectureLabConfig.DEFAULT_MAX_SUBMISSION_FILE_BYTES)),
                Math.max(limit(context, ATTACHMENT, LectureLabConfig.DEFAULT_MAX_ATTACHMENT_BYTES),
                        limit(context, ROSTER, LectureLabConfig.DEFAULT_MAX_ROSTER_BYTES)));
        return ConfigValue.builder().withName(name).withValue(Long.toString(largest + OVERHEAD))
                .withConfigSourceName(HttpBodyLimit.class.getSimpleName())
                .withConfigSourceOrdinal(value == null ? Integer.MIN_VALUE : value.getConfigSourceOrdinal())
                .build();
    }

    /**
     * Whether the value was configured rather than defaulted: defaults (the config mapping's, and those Quarkus
     * records at build time) come from sources with negative ordinals; files, environment and system properties
     * have positive ones.
     */
    private static boolean explicit(ConfigValue value) {
        return value.getConfigSourceOrdinal() > 0;
    }

    private static long limit(ConfigSourceInterceptorContext context, String name, String fallback) {
        ConfigValue value = context.proceed(name);
        String text = value == null || value.getValue() == null || value.getValue().isBlank() ? fallback
                : value.getValue().strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Long.parseLong(fallback);
        }
    }
}
