package io.lecturelab.base;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpBodyLimitTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void without_settings_the_http_limit_is_the_default_attachment_limit_plus_room_for_framing() {
        assertThat(bodyLimit(Map.of())).isEqualTo(20 * MIB + HttpBodyLimit.OVERHEAD);
    }

    @Test
    void the_http_limit_follows_the_largest_upload_limit_in_the_active_profile() {
        assertThat(bodyLimit(Map.of(HttpBodyLimit.ATTACHMENT, Long.toString(12 * MIB), HttpBodyLimit.SUBMISSION,
                "2097152"))).isEqualTo(12 * MIB + HttpBodyLimit.OVERHEAD);
        assertThat(bodyLimit(Map.of(HttpBodyLimit.ATTACHMENT, "2097152", HttpBodyLimit.SUBMISSION,
                Long.toString(30 * MIB)))).isEqualTo(30 * MIB + HttpBodyLimit.OVERHEAD);
        assertThat(bodyLimit(Map.of(HttpBodyLimit.ATTACHMENT, "2097152", HttpBodyLimit.ROSTER,
                Long.toString(15 * MIB), HttpBodyLimit.SUBMISSION, "2097152")))
                .isEqualTo(15 * MIB + HttpBodyLimit.OVERHEAD);
        assertThat(bodyLimit(Map.of(HttpBodyLimit.ATTACHMENT, "2097152",
                "%prod." + HttpBodyLimit.ATTACHMENT, Long.toString(40 * MIB))))
                .isEqualTo(40 * MIB + HttpBodyLimit.OVERHEAD);
    }

    @Test
    void small_upload_limits_still_let_the_labs_pictures_through_the_http_layer() {
        assertThat(bodyLimit(Map.of(HttpBodyLimit.ATTACHMENT, "2097152", HttpBodyLimit.ROSTER, "1048576",
                HttpBodyLimit.SUBMISSION, "2097152")))
                .isEqualTo(LectureLabConfig.LAB_MAX_IMAGE_BYTES + HttpBodyLimit.OVERHEAD);
    }

    @Test
    void an_http_limit_set_explicitly_is_kept() {
        assertThat(bodyLimit(Map.of(HttpBodyLimit.PROPERTY, "1234", HttpBodyLimit.ATTACHMENT, "2097152")))
                .isEqualTo(1234);
    }

    private static long bodyLimit(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new HttpBodyLimit())
                .withProfile("prod")
                // what Quarkus's own mapping default looks like: a source below every configured one
                .withDefaultValue(HttpBodyLimit.PROPERTY, "10240K")
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .build();
        return Long.parseLong(config.getRawValue(HttpBodyLimit.PROPERTY));
    }
}
