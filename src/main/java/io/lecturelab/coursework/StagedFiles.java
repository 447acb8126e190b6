package io.lecturelab.coursework;

import io.lecturelab.base.ReceivedFile;
import io.lecturelab.base.UserFacingException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files uploaded for a version that is not submitted yet, by random token, each owned by the student and
 * assignment it was uploaded for. They live in temporary files of this server (the upload and the submit come
 * through the same browser session) and are deleted when submitted, removed, or left for {@link #KEEP}.
 */
@ApplicationScoped
class StagedFiles {

    static final Duration KEEP = Duration.ofHours(2);
    /** Files one student may have waiting at once. */
    static final int MAX_PER_USER = 10;

    record Staged(ReceivedFile file, String contentType, long userId, long assignmentId, Instant at) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Staged> staged = new ConcurrentHashMap<>();
    private final Clock clock;

    StagedFiles(Clock clock) {
        this.clock = clock;
    }

    StagedFile add(ReceivedFile file, String contentType, long userId, long assignmentId) {
        dropExpired();
        if (staged.values().stream().filter(s -> s.userId() == userId).count() >= MAX_PER_USER) {
            file.close();
            throw new UserFacingException("submission.error.tooManyFiles", MAX_PER_USER);
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        staged.put(token, new Staged(file, contentType, userId, assignmentId, clock.instant()));
        return new StagedFile(token, file.name(), file.size(), file.sha256());
    }

    /** The user's staged files for the assignment, by token; refused when one is unknown or not theirs. */
    List<Staged> take(List<String> tokens, long userId, long assignmentId) {
        List<Staged> found = tokens.stream().map(staged::get).toList();
        if (found.stream().anyMatch(s -> s == null || s.userId() != userId || s.assignmentId() != assignmentId)) {
            throw new UserFacingException("submission.error.stagedGone");
        }
        return found;
    }

    void remove(String token, long userId) {
        Staged s = staged.get(token);
        if (s != null && s.userId() == userId) {
            staged.remove(token);
            s.file().close();
        }
    }

    void removeAll(List<String> tokens, long userId) {
        tokens.forEach(t -> remove(t, userId));
    }

    private void dropExpired() {
        Instant oldest = clock.instant().minus(KEEP);
        staged.entrySet().removeIf(e -> {
            boolean expired = e.getValue().at().isBefore(oldest);
            if (expired) {
                e.getValue().file().close();
            }
            return expired;
        });
    }
}
