/**
 * The parts of Kubernetes that drive a site's failover, on loopback: each service a {@link
 * com.mobilityha.systemtests.kube.Deployment} of replicas ({@link com.mobilityha.systemtests.kube.Pod}s)
 * probed as the kubelet probes them, with the probe settings, {@code preStop} and grace period of
 * {@code k8s/base} ({@link com.mobilityha.systemtests.kube.PodManifest}, read from the manifests, so they
 * cannot drift), its {@link com.mobilityha.systemtests.kube.Endpoints} (the ready replicas), and a {@link
 * com.mobilityha.systemtests.kube.ClusterService} that, like kube-proxy, connects to ready replicas only.
 */
package com.mobilityha.systemtests.kube;
