package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.health.InstanceHealth;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;

/**
 * B3: every {@code gateway.global-resiliency.poll-interval}, one gateway pod of all sites reads the traffic
 * distribution of each Global Resiliency company (one GetTrafficDistribution per company, background
 * budget) and follows it ({@link GlobalResiliencyFailover}): a change made by someone else is noticed within
 * a round, and a move a pod left unfinished (it died, the budget refused) is finished. An administrator's
 * shift in progress goes first ({@link TrafficShifts}: its next wave when due, the wave's agents).
 */
@ApplicationScoped
public class TrafficDistributionWatch {
    private final CompanyDirectory companies;
    private final GlobalResiliencyFailover failover;
    private final TrafficShifts shifts;
    private final InstanceHealth health;
    private final RedisDataSource redis;
    private final Duration lease;

    TrafficDistributionWatch(CompanyDirectory companies, GlobalResiliencyFailover failover, TrafficShifts shifts,
                             InstanceHealth health,
                             RedisDataSource redis,
                             @ConfigProperty(name = "gateway.global-resiliency.poll-interval", defaultValue = "10s") Duration lease) {
        this.companies = companies;
        this.failover = failover;
        this.shifts = shifts;
        this.health = health;
        this.redis = redis;
        this.lease = lease;
    }

    @Scheduled(every = "${gateway.global-resiliency.poll-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        List<Company> pairs = companies.all().stream().filter(c -> c.globalResiliency().isPresent()).toList();
        if (pairs.isEmpty() || !health.warm() || !takeRound()) {
            return;
        }
        for (Company company : pairs) {
            shifts.advanceSafely(company);
            failover.followSafely(company);
        }
    }

    private boolean takeRound() {
        return redis.execute("SET", RedisKeys.trafficDistributionRound(), SessionTokens.newId(), "NX", "PX",
                String.valueOf(lease.toMillis())) != null;
    }
}
