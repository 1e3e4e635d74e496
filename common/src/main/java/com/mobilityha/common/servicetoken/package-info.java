/**
 * Service-to-service authentication inside a site: each call to a cluster-internal API
 * ({@code /internal/*}) carries a short-lived token signed with a key the calling and the called
 * service share, naming the caller and the service it is meant for; the called service lets only
 * the callers its resource names ({@link com.mobilityha.common.servicetoken.CalledBy}) in.
 */
package com.mobilityha.common.servicetoken;
