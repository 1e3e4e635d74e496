/**
 * Company configuration (tenants): their mobility sites, Connect instances and login method,
 * read from typed configuration so that both sites and every service see the same companies.
 */
package com.mobilityha.common.company;
