package io.lecturelab.attendance;

import java.time.Instant;

/** A check-in code that is valid now, for the projector. */
public record OpenCode(long sessionId, String sessionTitle, SessionKind kind, String code, Instant expiresAt,
                       long secondsLeft, long checkIns) {
}
