package io.lecturelab.base;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitedInputStreamTest {

    @Test
    void a_stream_of_exactly_the_limit_passes_whole() throws IOException {
        try (InputStream in = limited(new ByteArrayInputStream(new byte[1000]), 1000)) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
    }

    @Test
    void the_refusal_comes_as_soon_as_the_count_passes_the_limit_not_at_the_end() {
        Endless source = new Endless();
        LimitedInputStream in = limited(source, 1000);

        assertThatThrownBy(in::readAllBytes).isInstanceOf(UserFacingException.class)
                .extracting(e -> ((UserFacingException) e).messageKey()).isEqualTo("roster.error.tooLarge");
        assertThat(in.count()).isGreaterThan(1000);
        assertThat(source.served).isLessThanOrEqualTo(1000 + 16 * 1024);
    }

    private static LimitedInputStream limited(InputStream in, long limit) {
        return new LimitedInputStream(in, limit, () -> new UserFacingException("roster.error.tooLarge", 1));
    }

    /** Never ends: only a limit stops whoever reads it. */
    private static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = Math.min(length, 4096);
            served += n;
            return n;
        }
    }
}
