/** The push providers on loopback: Pushy's mock APNs server (with its test PKI) and a mock FCM v1 endpoint. */
package com.mobilityha.localstack.push;
