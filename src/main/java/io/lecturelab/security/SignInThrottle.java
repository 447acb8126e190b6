package io.lecturelab.security;

import io.lecturelab.base.LectureLabConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after {@value #FREE_FAILURES} failed sign-ins for one account, or {@value #FREE_FAILURES_PER_ADDRESS}
 * from one address, each further attempt must wait twice as long as the last (by default 1 s, 2 s, 4 s … at most
 * {@link #MAX_WAIT}). The real user is never locked out for long: the wait is capped, a success clears the account's
 * count, and failures older than {@link #FORGET_AFTER} are forgotten. Kept in memory: each server counts its own.
 */
@ApplicationScoped
public class SignInThrottle {

    /** Set for the sign-in page when an attempt was refused unchecked: how many seconds to wait. */
    public static final String WAIT_COOKIE = "lecturelab-wait";
    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_TRACKED = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration firstWait;
    private final Duration maxWait;

    @Inject
    SignInThrottle(Clock clock, LectureLabConfig config) {
        this(clock, config.signIn().firstWait());
    }

    SignInThrottle(Clock clock, Duration firstWait) {
        this.clock = clock;
        this.firstWait = firstWait;
        this.maxWait = firstWait.compareTo(MAX_WAIT) > 0 ? firstWait : MAX_WAIT;
    }

    /** How long this account and address must still wait before the next attempt is checked (zero: go ahead). */
    public Duration waitFor(String account, String address) {
        Instant now = clock.instant();
        Duration forAccount = wait(byAccount.get(account), FREE_FAILURES, now);
        Duration forAddress = address == null ? Duration.ZERO : wait(byAddress.get(address), FREE_FAILURES_PER_ADDRESS, now);
        return forAccount.compareTo(forAddress) >= 0 ? forAccount : forAddress;
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        byAccount.merge(account, new Failures(1, now), (old, one) -> next(old, now));
        if (address != null) {
            byAddress.merge(address, new Failures(1, now), (old, one) -> next(old, now));
        }
        if (byAccount.size() > MAX_TRACKED || byAddress.size() > MAX_TRACKED) {
            forgetOld(now); // bounded memory under a spray of made-up user names or of addresses
        }
    }

    void succeeded(String account) {
        byAccount.remove(account);
    }

    private static Failures next(Failures old, Instant now) {
        boolean stale = Duration.between(old.last(), now).compareTo(FORGET_AFTER) > 0;
        return new Failures(stale ? 1 : old.count() + 1, now);
    }

    private Duration wait(Failures failures, int free, Instant now) {
        if (failures == null || failures.count() < free
                || Duration.between(failures.last(), now).compareTo(FORGET_AFTER) > 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures.count() - free, 20); // 1, 2, 4 … s, then capped
        Duration wait = firstWait.multipliedBy(1L << doublings);
        if (wait.compareTo(maxWait) > 0) {
            wait = maxWait;
        }
        Duration left = wait.minus(Duration.between(failures.last(), now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Accounts and addresses with failures on record. */
    int tracked() {
        return byAccount.size() + byAddress.size();
    }

    private void forgetOld(Instant now) {
        byAccount.values().removeIf(f -> Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0);
        byAddress.values().removeIf(f -> Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0);
    }
}
