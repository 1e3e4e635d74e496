/** Company directories: checks usernames and passwords with the OIDC password grant (quarkus-oidc-client). */
package com.mobilityha.login.directory;
