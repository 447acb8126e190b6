package io.lecturelab.ml;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test needs real CIFAR-10: without it (see {@link MlTestData}) it is skipped, set-up included, with the reason. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MlTestData.Present.class)
public @interface NeedsCifar10 {
}
