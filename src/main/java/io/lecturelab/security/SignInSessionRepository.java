package io.lecturelab.security;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
class SignInSessionRepository implements PanacheRepository<SignInSession> {

    Optional<SignInSession> findByHash(byte[] tokenHash) {
        return find("tokenHash", (Object) tokenHash).firstResultOptional();
    }

    List<SignInSession> liveOf(long userId) {
        return list("userId = ?1 and revokedAt is null", userId);
    }
}
