/** The service-token key of a local deployment, and calls made as one of its services. */
package com.mobilityha.localstack.servicetoken;
