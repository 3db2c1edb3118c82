package io.leadflow.query.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadflow.access.AuditLog;
import io.leadflow.access.Roles;
import io.leadflow.http.ProblemException;
import io.leadflow.query.config.AccessConfig;
import io.leadflow.query.repository.User;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Signing in and out, and the users an admin manages. Every change is written to the audit log. */
@ApplicationScoped
public class Accounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
    static final int MIN_PASSWORD_LENGTH = 10;

    private final IdentityProviderManager identities;
    private final TokenIssuer tokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final AccessConfig config;

    public Accounts(IdentityProviderManager identities, TokenIssuer tokens, LoginThrottle throttle, AuditLog audit,
                    AccessConfig config) {
        this.identities = identities;
        this.tokens = tokens;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
    }

    /** A token for a right user name and password; 401 otherwise, 429 after too many failures. */
    public Uni<TokenIssuer.Session> login(String username, String password, String address) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw ProblemException.invalidField(username == null || username.isBlank() ? "username" : "password",
                    "a JSON body with username and password is required");
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        throttle.check(name, address);
        return createFirstAdmin()
                .chain(() -> identities.authenticate(new UsernamePasswordAuthenticationRequest(name,
                        new PasswordCredential(password.toCharArray()))))
                .onFailure(AuthenticationFailedException.class).recoverWithNull()
                .chain(identity -> {
                    if (identity == null) {
                        throttle.failed(name, address);
                        return audit.record(name, "login_failed", name, address, Map.of())
                                .map(nothing -> {
                                    throw new ProblemException(401, "unauthorized", "Unauthorized",
                                            "wrong user name or password", null);
                                });
                    }
                    throttle.succeeded(name);
                    return Panache.withSession(() -> User.<User>findById(name))
                            .map(tokens::issue)
                            .call(session -> audit.record(name, "login", name, address, Map.of("role", session.role())));
                });
    }

    /** Ends every session of the user at once: each token they hold is refused from now on. */
    public Uni<Void> logout(String username, String address) {
        return Panache.withTransaction(() -> User.<User>findById(username).invoke(user -> {
                    if (user != null) {
                        revokeTokens(user);
                    }
                }))
                .chain(() -> audit.record(username, "logout", username, address, Map.of()));
    }

    public Uni<List<UserView>> list() {
        return Panache.withSession(() -> User.<User>listAll(io.quarkus.panache.common.Sort.by("username")))
                .map(users -> users.stream().map(UserView::of).toList());
    }

    public Uni<UserView> create(NewUser request, String actor, String address) {
        String name = validUsername(request.username());
        String role = validRole(request.role());
        String password = validPassword(request.password());
        return hashed(password).chain(hash -> Panache.withTransaction(() -> User.<User>findById(name).chain(existing -> {
                    if (existing != null) {
                        throw new ProblemException(409, "conflict", "Conflict", "a user named " + name + " exists",
                                "username");
                    }
                    User user = new User();
                    user.username = name;
                    user.role = role;
                    user.passwordHash = hash;
                    user.updatedAt = Instant.now();
                    return user.<User>persist();
                })))
                .call(user -> audit.record(actor, "user_created", name, address, Map.of("role", role)))
                .map(UserView::of);
    }

    /** A new role and/or password; either ends the user's sessions. */
    public Uni<UserView> change(String username, UserChange request, String actor, String address) {
        if (request == null || (request.role() == null && request.password() == null)) {
            throw ProblemException.invalidField("role", "a JSON body with role and/or password is required");
        }
        String role = request.role() == null ? null : validRole(request.role());
        String password = request.password() == null ? null : validPassword(request.password());
        return hashed(password).chain(hash -> Panache.withTransaction(() -> existing(username).chain(user -> {
                    Uni<Void> check = role != null && !Roles.ADMIN.equals(role) && Roles.ADMIN.equals(user.role)
                            ? keepsAnAdmin(user.username) : Uni.createFrom().voidItem();
                    return check.map(ok -> {
                        if (role != null) {
                            user.role = role;
                        }
                        if (hash != null) {
                            user.passwordHash = hash;
                        }
                        revokeTokens(user);
                        return user;
                    });
                })))
                .call(user -> audit.record(actor, "user_changed", user.username, address,
                        role == null ? Map.of("password", "reset") : password == null ? Map.of("role", role)
                                : Map.of("role", role, "password", "reset")))
                .map(UserView::of);
    }

    public Uni<Void> delete(String username, String actor, String address) {
        return Panache.withTransaction(() -> existing(username).chain(user ->
                        (Roles.ADMIN.equals(user.role) ? keepsAnAdmin(user.username) : Uni.createFrom().voidItem())
                                .chain(() -> user.delete())))
                .chain(() -> audit.record(actor, "user_deleted", username, address, Map.of()));
    }

    /** With no user at all, the admin from LEADFLOW_ADMIN_USERNAME / LEADFLOW_ADMIN_PASSWORD, if both are set. */
    private Uni<Void> createFirstAdmin() {
        if (config.adminUsername().isEmpty() || config.adminPassword().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> User.count()).chain(count -> count > 0 ? Uni.createFrom().voidItem()
                : hashed(config.adminPassword().get()).chain(hash -> Panache.withTransaction(() -> {
                    User admin = new User();
                    admin.username = validUsername(config.adminUsername().get());
                    admin.role = Roles.ADMIN;
                    admin.passwordHash = hash;
                    admin.updatedAt = Instant.now();
                    Log.infof("No user yet: created the admin %s from LEADFLOW_ADMIN_USERNAME", admin.username);
                    return admin.persist().replaceWithVoid();
                }))).onFailure().recoverWithUni(failure -> {
            // Another replica created it at the same moment: the primary key keeps one.
            Log.warnf(failure, "The first admin was not created here");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * A bcrypt hash (null for no password), computed on a worker thread: it takes tens of milliseconds, too long
     * for the event loop. The answer comes back on the request's context, where Hibernate Reactive's session lives.
     */
    private static Uni<String> hashed(String password) {
        if (password == null) {
            return Uni.createFrom().nullItem();
        }
        Context context = Vertx.currentContext();
        Uni<String> hash = Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? hash : hash.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static Uni<User> existing(String username) {
        return User.<User>findById(username).map(user -> {
            if (user == null) {
                throw ProblemException.notFound("no user named " + username);
            }
            return user;
        });
    }

    private static Uni<Void> keepsAnAdmin(String leaving) {
        return User.count("role = ?1 and username <> ?2", Roles.ADMIN, leaving).map(others -> {
            if (others == 0) {
                throw new ProblemException(409, "conflict", "Conflict", leaving + " is the only admin: add another first",
                        "role");
            }
            return null;
        });
    }

    private static void revokeTokens(User user) {
        user.tokenVersion++;
        user.updatedAt = Instant.now();
    }

    private static String validUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw ProblemException.invalidField("username",
                    "a user name is 2 to 64 letters, digits and . _ @ -, starting with a letter or digit");
        }
        return name;
    }

    private static String validRole(String role) {
        if (role == null || !Roles.ALL.contains(role)) {
            throw ProblemException.invalidField("role", "role is one of " + String.join(", ", Roles.ALL));
        }
        return role;
    }

    private static String validPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
            throw ProblemException.invalidField("password",
                    "a password has " + MIN_PASSWORD_LENGTH + " to 200 characters");
        }
        return password;
    }

    /** A user as the API shows it: never the hash. */
    public record UserView(String username, String role, @JsonProperty("created_at") Instant createdAt,
                           @JsonProperty("updated_at") Instant updatedAt) {
        static UserView of(User user) {
            return new UserView(user.username, user.role, user.createdAt, user.updatedAt);
        }
    }

    public record NewUser(String username, String password, String role) {
    }

    public record UserChange(String role, String password) {
    }
}
