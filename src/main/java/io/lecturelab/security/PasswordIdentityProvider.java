package io.lecturelab.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * Checks a user name (any case) and password against the bcrypt hash in {@code app_user}. The principal's name is
 * the stored, lower-case user name.
 */
@ApplicationScoped
class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Compared against when the user does not exist, so both failures take the same time. */
    private static final String DUMMY_HASH = UserService.hash("no such user");

    private final UserRepository users;

    PasswordIdentityProvider(UserRepository users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> verify(request.getUsername(), new String(request.getPassword().getPassword())));
    }

    @ActivateRequestContext
    SecurityIdentity verify(String username, String password) {
        User user = users.findByUsername(username).orElse(null);
        boolean matches = BcryptUtil.matches(password, user == null ? DUMMY_HASH : user.getPasswordHash());
        if (user == null || !matches) {
            throw new AuthenticationFailedException();
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.getUsername()))
                .addRole(user.getSystemRole().name())
                .build();
    }
}
