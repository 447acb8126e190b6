package io.lecturelab.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.lecturelab.testsupport.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-09-01T09:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock, Duration.ofSeconds(1));

    @Test
    void five_mistakes_cost_nothing_then_each_further_one_doubles_the_wait_up_to_a_minute() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("kim", "10.0.0.1");
            assertThat(throttle.waitFor("kim", "10.0.0.1")).isZero();
        }
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long seconds : expected) {
            throttle.failed("kim", "10.0.0.1");
            assertThat(throttle.waitFor("kim", "10.0.0.9")).isEqualTo(Duration.ofSeconds(seconds));
            clock.advance(Duration.ofSeconds(seconds));
            assertThat(throttle.waitFor("kim", "10.0.0.9")).as("after waiting it out").isZero();
        }
    }

    @Test
    void another_account_is_not_slowed_by_one_under_attack_and_a_success_clears_the_account() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES + 2; i++) {
            throttle.failed("kim", "10.0.0.1");
        }
        assertThat(throttle.waitFor("kim", "10.0.0.2")).isPositive();
        assertThat(throttle.waitFor("lee", "10.0.0.2")).isZero();
        clock.advance(Duration.ofMinutes(1));
        throttle.succeeded("kim");
        assertThat(throttle.waitFor("kim", "10.0.0.2")).isZero();
    }

    @Test
    void one_address_spraying_many_accounts_is_slowed_down_too() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "10.6.6.6");
        }
        assertThat(throttle.waitFor("someone-new", "10.6.6.6")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("someone-new", "10.0.0.7")).isZero();
    }

    @Test
    void old_failures_are_forgotten() {
        for (int i = 0; i < SignInThrottle.FREE_FAILURES + 3; i++) {
            throttle.failed("kim", null);
        }
        assertThat(throttle.waitFor("kim", null)).isPositive();
        clock.advance(SignInThrottle.FORGET_AFTER.plusSeconds(1));
        assertThat(throttle.waitFor("kim", null)).isZero();
        throttle.failed("kim", null);
        assertThat(throttle.waitFor("kim", null)).as("counting starts again").isZero();
    }

    @Test
    void one_account_guessed_from_ever_new_addresses_does_not_fill_memory() {
        for (int i = 0; i <= SignInThrottle.MAX_TRACKED; i++) {
            throttle.failed("kim", "address-" + i);
        }
        clock.advance(SignInThrottle.FORGET_AFTER.plusSeconds(1));
        throttle.failed("kim", "one-more");
        assertThat(throttle.tracked()).isLessThanOrEqualTo(3);
    }
}
