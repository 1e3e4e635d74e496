/** The local stack's throw-away certificates: one CA and a loopback server certificate, made per run. */
package com.mobilityha.localstack.pki;
