/**
 * HTTP as an attacker or an unusual client sends it, where the JDK's client cannot: from a chosen local
 * address (a peer that is not the trusted ingress), with the body framed as asked (chunked, no length).
 */
package com.mobilityha.localstack.http;
