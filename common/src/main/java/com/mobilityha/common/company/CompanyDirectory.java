package com.mobilityha.common.company;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks companies up by code (case-insensitive) from {@link CompaniesConfig}. */
@ApplicationScoped
public class CompanyDirectory {
    private static final List<String> ROLE_ORDER = List.of("primary", "secondary");

    private final Map<String, Company> companies;

    CompanyDirectory(CompaniesConfig config) {
        this.companies = config.companies().entrySet().stream()
                .map(e -> toCompany(e.getKey(), e.getValue()))
                .collect(Collectors.toUnmodifiableMap(c -> normalize(c.code()), Function.identity()));
    }

    public Optional<Company> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(companies.get(normalize(code)));
    }

    /** The company of this code, or an {@code unknown-company} problem. */
    public Company require(String code) {
        return find(code).orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_COMPANY,
                "Check the company code with your administrator"));
    }

    public List<Company> all() {
        return List.copyOf(companies.values());
    }

    private static Company toCompany(String code, CompaniesConfig.CompanyConfig config) {
        List<Company.MobilityServer> servers = config.mobilityServers().entrySet().stream()
                .sorted(byRole(Map.Entry::getKey))
                .map(e -> new Company.MobilityServer(e.getKey(), e.getValue()))
                .toList();
        List<InstanceRef> instances = config.connectInstances().entrySet().stream()
                .sorted(byRole(Map.Entry::getKey))
                .map(e -> new InstanceRef(e.getKey(), e.getValue().instanceId(), e.getValue().region()))
                .toList();
        return new Company(code, config.name().orElse(code), config.sso(), servers, instances, config.directory(),
                config.failbackPolicy(), config.phoneType(), List.copyOf(config.allowedApps()),
                DialingRules.of(code, config.dialing()),
                config.globalResiliency().map(pair -> GlobalResiliency.of(code, pair, instances)),
                ReachabilityWatch.of(code, config.reachability()));
    }

    private static <T> Comparator<T> byRole(Function<T, String> role) {
        return Comparator.comparingInt((T t) -> {
            int index = ROLE_ORDER.indexOf(role.apply(t));
            return index < 0 ? ROLE_ORDER.size() : index;
        }).thenComparing(role);
    }

    private static String normalize(String code) {
        return code.trim().toLowerCase(Locale.ROOT);
    }
}
