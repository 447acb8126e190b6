package io.lecturelab.ml;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the classifier that runs in this process. Training workers and the REST API use it; everything else
 * injects the default {@link ClassifierService}, which is this one or a remote one depending on configuration.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface InProcess {
}
