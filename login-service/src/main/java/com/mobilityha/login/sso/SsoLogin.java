package com.mobilityha.login.sso;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRecord.SessionUser;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.login.downstream.ConnectGateway;
import com.mobilityha.login.downstream.SessionService;
import com.mobilityha.login.timing.LoginTimings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SSO login in two calls. {@link #start} picks the Connect instance (the primary, or with B1 the
 * first one the gateway sees up, or the one the app names after the IdP refused, S5) and hands out
 * its IdP application's authorization URL; {@link #complete} exchanges the code, validates the ID
 * token, logs the user in to that very instance and creates the session. When that instance died in
 * between (S4), the problem carries a fresh login on the other instance ({@code retryWith}).
 */
@ApplicationScoped
public class SsoLogin {
    private static final Logger LOG = Logger.getLogger(SsoLogin.class);
    /** How long a refresh token is kept when the session does not say when it expires. */
    private static final Duration SESSION_LIFETIME = Duration.ofHours(12);

    private final IdentityProviders providers;
    private final SsoIdentities identities;
    private final PendingLogins pending;
    private final RefreshTokenVault vault;
    private final ConnectGateway gateway;
    private final SessionService sessions;
    private final SsoConfig config;
    private final CompanyDirectory companies;
    private final MeterRegistry registry;
    private final LoginTimings timings;

    SsoLogin(IdentityProviders providers, SsoIdentities identities, PendingLogins pending, RefreshTokenVault vault,
             ConnectGateway gateway, SessionService sessions, SsoConfig config, CompanyDirectory companies,
             MeterRegistry registry, LoginTimings timings) {
        this.timings = timings;
        this.identities = identities;
        this.companies = companies;
        this.providers = providers;
        this.pending = pending;
        this.vault = vault;
        this.gateway = gateway;
        this.sessions = sessions;
        this.config = config;
        this.registry = registry;
    }

    /** Starts a login: where the user signs in, and the id that completes it. */
    public LoginStart start(Company company, SsoStartRequest request) {
        InstanceRef instance = request.instanceRole() != null
                ? company.connectInstances().stream().filter(i -> i.role().equals(request.instanceRole())).findFirst()
                        .orElseThrow(() -> ProblemException.invalidFields(List.of(new ProblemException.FieldError(
                                "instanceRole", "the company has no such Connect instance"))))
                : firstInstance(company);
        return open(company, instance, request.codeChallenge(), request.phoneNumber());
    }

    /**
     * Completes a login with the code the IdP redirected the app to; the login is used up whatever
     * the outcome, so a code or login id can never be replayed.
     */
    public NewSession complete(String loginId, SsoCompleteRequest request) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            PendingLogin login = pending.take(loginId).orElseThrow(() -> new ProblemException(
                    ProblemType.LOGIN_NOT_FOUND, "Start the login again"));
            if (!login.state().equals(request.state())) {
                throw new ProblemException(ProblemType.INVALID_AUTHORIZATION, "The sign-in is not for this login");
            }
            if (!Pkce.matches(request.codeVerifier(), login.codeChallenge())) {
                throw new ProblemException(ProblemType.INVALID_AUTHORIZATION, "The code verifier does not match");
            }
            SsoConfig.CompanySso sso = ssoOf(login.companyCode());
            IdpApplication.SignedIn user = timings.time("idp", () -> providers.application(login.companyCode(),
                    login.instance().role()).signIn(request.code(), request.codeVerifier(), sso.redirectUri(),
                    login.nonce()));
            bindIdentity(login, user);
            AgentLoginResult agent = timings.time("connect", () -> loginToConnect(login, user));
            NewSession session = timings.time("session", () -> sessions.create(new NewSessionRequest(
                    login.companyCode(), new SessionUser(user.username(), agent.connectUserId()), agent.instance())));
            user.refreshToken().ifPresent(token -> vault.keep(session.session().sessionId(), token,
                    Optional.ofNullable(session.session().expiresAt()).orElse(Instant.now().plus(SESSION_LIFETIME))));
            outcome = "success";
            LOG.infof("SSO login for company %s on %s instance: session %s", login.companyCode(),
                    agent.instance().role(), session.session().sessionId());
            return session;
        } finally {
            sample.stop(registry.timer("mobility.login", "method", "sso", "outcome", outcome));
        }
    }

    /** The account must be the one this username signs in with; when it is not, the IdP's grant is revoked. */
    private void bindIdentity(PendingLogin login, IdpApplication.SignedIn user) {
        try {
            identities.bind(login.companyCode(), user);
        } catch (ProblemException e) {
            revokeGrant(login, user);
            throw e;
        }
    }

    /** The Connect login on the signed-in instance; when it fails, the IdP's grant is revoked (it serves nothing). */
    private AgentLoginResult loginToConnect(PendingLogin login, IdpApplication.SignedIn user) {
        try {
            return gateway.login(new AgentLoginRequest(login.companyCode(), user.username(), login.phoneNumber(),
                    login.instance().role()));
        } catch (ProblemException e) {
            revokeGrant(login, user);
            if (!e.problem().getType().equals(ProblemType.CONNECT_INSTANCE_UNAVAILABLE.uri())) {
                throw e;
            }
            throw retryElsewhere(login, e);
        }
    }

    /** The IdP's grant of a login that goes no further serves nothing: revoked. */
    private void revokeGrant(PendingLogin login, IdpApplication.SignedIn user) {
        user.refreshToken().ifPresent(token -> providers.application(login.companyCode(), login.instance().role())
                .revoke(token));
    }

    /** S4: the signed-in instance died; a new login on the next instance, for the app to offer. */
    private ProblemException retryElsewhere(PendingLogin login, ProblemException failure) {
        Company company = companyOf(login);
        Optional<InstanceRef> next = company.connectInstances().stream()
                .filter(i -> !i.role().equals(login.instance().role())).findFirst();
        if (next.isEmpty()) {
            return failure; // S14: a one-instance company has nowhere else to go
        }
        LoginStart retry = open(company, next.get(), login.codeChallenge(), login.phoneNumber());
        LOG.infof("SSO login for company %s: %s instance unavailable, offering the %s instance", company.code(),
                login.instance().role(), next.get().role());
        return new ProblemException(failure.problem().with("retryWith", retry), failure.headers());
    }

    private LoginStart open(Company company, InstanceRef instance, String codeChallenge, String phoneNumber) {
        SsoConfig.CompanySso sso = ssoOf(company.code());
        IdpApplication application = timings.time("idp", () -> providers.application(company.code(),
                instance.role()));
        PendingLogin login = new PendingLogin(SessionTokens.newId(), company.code(), instance, SessionTokens.newId(),
                SessionTokens.newId(), codeChallenge, phoneNumber, Instant.now().plus(config.loginTtl()));
        pending.save(login);
        return new LoginStart(login.loginId(), instance, application.authorizationUrl(login, sso.redirectUri()),
                login.expiresAt());
    }

    private InstanceRef firstInstance(Company company) {
        InstanceRef primary = company.primaryInstance().orElseThrow(() -> new ProblemException(
                ProblemType.CONNECT_INSTANCE_UNAVAILABLE, "The company has no Connect instance configured"));
        boolean healthAware = providers.company(company.code()).map(SsoConfig.CompanySso::healthAwareLogin)
                .orElse(false);
        return healthAware ? timings.time("connect", () -> gateway.nextInstance(company.code())).orElse(primary)
                : primary;
    }

    private SsoConfig.CompanySso ssoOf(String companyCode) {
        return providers.company(companyCode).orElseThrow(() -> new ProblemException(
                ProblemType.LOGIN_METHOD_NOT_AVAILABLE, "SSO is not configured for this company"));
    }

    private Company companyOf(PendingLogin login) {
        return companies.require(login.companyCode());
    }
}
