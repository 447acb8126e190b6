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
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * How Quarkus' form sign-in learns who someone is: from a user name (any case) and password checked against the
 * bcrypt hash in {@code app_user}, and, on later requests, from the user name in the encrypted sign-in cookie
 * together with the sign-in's own token ({@link SignInSessions}): an account deleted meanwhile, or a sign-in ended
 * elsewhere (signing out, a password change), no longer signs in. Failed attempts are slowed down
 * ({@link SignInThrottle}); every attempt is logged with its address, never with its password. The principal's name
 * is the stored, lower-case user name.
 */
final class IdentityProviders {

    private IdentityProviders() {
    }

    private static final Logger LOG = Logger.getLogger(IdentityProviders.class);
    private static final long SESSION_COOKIE_SECONDS = Duration.ofDays(30).toSeconds();

    private static String address(RoutingContext http) {
        return http == null || http.request().remoteAddress() == null ? null
                : http.request().remoteAddress().hostAddress();
    }

    private static void setCookie(RoutingContext http, String name, String value, long maxAgeSeconds) {
        if (http != null && !http.response().headWritten()) {
            http.response().addCookie(Cookie.cookie(name, value).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds));
        }
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
        private final SignInSessions sessions;
        private final SignInThrottle throttle;

        Password(UserRepository users, SignInSessions sessions, SignInThrottle throttle) {
            this.users = users;
            this.sessions = sessions;
            this.throttle = throttle;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            String password = new String(request.getPassword().getPassword());
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            return context.runBlocking(() -> verify(request.getUsername(), password, http));
        }

        @ActivateRequestContext
        SecurityIdentity verify(String username, String password, RoutingContext http) {
            String account = UserService.normalize(username);
            String address = address(http);
            Duration wait = throttle.waitFor(account, address);
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                LOG.warnf("Sign-in as %s from %s refused unchecked: too many failures, %d s to wait", account,
                        address, seconds);
                setCookie(http, SignInThrottle.WAIT_COOKIE, Long.toString(seconds), seconds);
                throw new AuthenticationFailedException();
            }
            Optional<User> user = users.findByUsername(username);
            boolean matches = BcryptUtil.matches(password, user.map(User::getPasswordHash).orElse(DUMMY_HASH));
            if (user.isEmpty() || !matches || user.get().isDisabled()) {
                throttle.failed(account, address);
                LOG.warnf("Failed sign-in as %s from %s", account, address);
                throw new AuthenticationFailedException();
            }
            throttle.succeeded(account);
            setCookie(http, SignInSessions.COOKIE, sessions.open(user.get().getId(), address), SESSION_COOKIE_SECONDS);
            LOG.infof("Signed in: %s from %s", account, address);
            return identity(user.get());
        }
    }

    @ApplicationScoped
    static class Trusted implements IdentityProvider<TrustedAuthenticationRequest> {

        private final UserRepository users;
        private final SignInSessions sessions;
        private final String credentialCookie;

        Trusted(UserRepository users, SignInSessions sessions,
                @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
                String credentialCookie) {
            this.users = users;
            this.sessions = sessions;
            this.credentialCookie = credentialCookie;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                                                  AuthenticationRequestContext context) {
            RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
            return context.runBlocking(() -> lookUp(request.getPrincipal(), http));
        }

        @ActivateRequestContext
        SecurityIdentity lookUp(String username, RoutingContext http) {
            Optional<User> user = users.findByUsername(username);
            io.vertx.core.http.Cookie token = http == null ? null : http.request().getCookie(SignInSessions.COOKIE);
            if (user.isEmpty() || user.get().isDisabled() || !sessions.isLive(token == null ? null : token.getValue(), user.get().getId())) {
                // The sign-in was ended elsewhere: drop its cookies, so the sign-in page is shown, not a loop.
                setCookie(http, credentialCookie, "", 0);
                setCookie(http, SignInSessions.COOKIE, "", 0);
                throw new AuthenticationFailedException();
            }
            return identity(user.get());
        }
    }
}
