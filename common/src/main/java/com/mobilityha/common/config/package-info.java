/** Typed configuration shared by every service: the site's name and HTTP limits. */
package com.mobilityha.common.config;
