package io.lecturelab.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import java.util.Optional;

/**
 * How Quarkus' form sign-in learns who someone is: from a user name (any case) and password checked against the
 * bcrypt hash in {@code app_user}, and, on later requests, from the user name in the encrypted sign-in cookie (an
 * account deleted meanwhile no longer signs in). The principal's name is the stored, lower-case user name.
 */
final class IdentityProviders {

    private IdentityProviders() {
    }

    private static SecurityIdentity identity(User user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.getUsername()))
                .addRole(user.getSystemRole().name())
                .build();
    }

    @ApplicationScoped
    static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        /** Compared against when the user does not exist, so both failures take the same time. */
        private static final String DUMMY_HASH = UserService.hash("no such user");

        private final UserRepository users;

        Password(UserRepository users) {
            this.users = users;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            String password = new String(request.getPassword().getPassword());
            return context.runBlocking(() -> verify(request.getUsername(), password));
        }

        @ActivateRequestContext
        SecurityIdentity verify(String username, String password) {
            Optional<User> user = users.findByUsername(username);
            boolean matches = BcryptUtil.matches(password, user.map(User::getPasswordHash).orElse(DUMMY_HASH));
            return user.filter(u -> matches).map(IdentityProviders::identity)
                    .orElseThrow(AuthenticationFailedException::new);
        }
    }

    @ApplicationScoped
    static class Trusted implements IdentityProvider<TrustedAuthenticationRequest> {

        private final UserRepository users;

        Trusted(UserRepository users) {
            this.users = users;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            return context.runBlocking(() -> lookUp(request.getPrincipal()));
        }

        @ActivateRequestContext
        SecurityIdentity lookUp(String username) {
            return users.findByUsername(username).map(IdentityProviders::identity)
                    .orElseThrow(AuthenticationFailedException::new);
        }
    }
}
