package io.lecturelab.security;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class UserRepository implements PanacheRepository<User> {

    public Optional<User> findByUsername(String username) {
        return find("username", UserService.normalize(username)).firstResultOptional();
    }

    public List<User> findByUsernames(Collection<String> usernames) {
        return usernames.isEmpty() ? List.of() : list("username in ?1", usernames);
    }

    public boolean anyAdmin() {
        return count("systemRole", SystemRole.ADMIN.name()) > 0;
    }
}
