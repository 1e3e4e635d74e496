/** Ad-hoc notifications by company administrators (S13) and their delivery reports; OIDC role mobility-admin, own company only. */
package com.mobilityha.notifier.admin;
