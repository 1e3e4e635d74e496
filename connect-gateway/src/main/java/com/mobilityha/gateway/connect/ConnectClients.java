package com.mobilityha.gateway.connect;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.ConnectClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One long-lived {@link ConnectClient} per Connect instance of every configured company, built at
 * start-up and closed on shutdown. SDK retries are off: the gateway owns retry decisions.
 */
@ApplicationScoped
public class ConnectClients {
    private static final Logger LOG = Logger.getLogger(ConnectClients.class);

    private final Map<String, ConnectClient> byInstanceId = new HashMap<>();

    ConnectClients(CompanyDirectory companies, ConnectConfig config) {
        AwsCredentialsProvider credentials = credentials(config);
        companies.all().stream()
                .flatMap(company -> company.connectInstances().stream())
                .forEach(instance -> byInstanceId.computeIfAbsent(instance.instanceId(),
                        id -> build(instance, config, credentials)));
    }

    /**
     * An AWS client builder set up as the gateway sets up every AWS client: the Region, the credentials,
     * the URL-connection HTTP client with the Connect timeouts, and no SDK retries (the gateway decides).
     */
    public static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configured(
            B builder, String region, ConnectConfig config, AwsCredentialsProvider credentials) {
        return builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.apiCallAttemptTimeout()))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                        .apiCallTimeout(config.apiCallTimeout()));
    }

    /** A request's override that bounds the call and its attempt by {@code timeout} instead of the client's timeouts. */
    public static Consumer<AwsRequestOverrideConfiguration.Builder> boundedBy(Duration timeout) {
        return o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout);
    }

    /** The configured static credentials (dev/tests), else the default AWS credentials provider chain; for every AWS client. */
    public static AwsCredentialsProvider credentials(ConnectConfig config) {
        return config.staticCredentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    /** The client of this instance. */
    public ConnectClient of(InstanceRef instance) {
        ConnectClient client = byInstanceId.get(instance.instanceId());
        if (client == null) {
            throw new IllegalStateException("No Connect client for instance " + instance.instanceId());
        }
        return client;
    }

    @PreDestroy
    void close() {
        byInstanceId.values().forEach(ConnectClient::close);
    }

    private static ConnectClient build(InstanceRef instance, ConnectConfig config, AwsCredentialsProvider credentials) {
        ConnectClientBuilder builder = configured(ConnectClient.builder(), instance.region(), config, credentials);
        Optional<URI> endpoint = Optional.ofNullable(config.instances().get(instance.instanceId()))
                .flatMap(ConnectConfig.InstanceSettings::endpointOverride)
                .or(config::endpointOverride);
        endpoint.ifPresent(builder::endpointOverride);
        LOG.infof("Connect instance %s (%s, %s) via %s", instance.instanceId(), instance.role(), instance.region(),
                endpoint.map(URI::toString).orElse("AWS"));
        return builder.build();
    }
}
