/** The dev identity provider: one OIDC issuer per company directory, SSO application and administrators. */
package com.mobilityha.localstack.identity;
