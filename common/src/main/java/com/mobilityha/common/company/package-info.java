/**
 * Company configuration (tenants): their mobility sites, Connect instances and login method, the
 * apps that may register for their pushes, the numbers their agents may dial and, where the two
 * instances are an Amazon Connect Global Resiliency pair, that pair ({@link com.mobilityha.common.company.GlobalResiliency}), read from typed
 * configuration ({@link com.mobilityha.common.company.CompaniesConfig}) so that both sites and
 * every service see the same companies.
 */
package com.mobilityha.common.company;
