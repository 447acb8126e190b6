package io.lecturelab.ml.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A REST resource whose every endpoint needs the service token ({@link ServiceTokenFilter}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface RequiresServiceToken {
}
