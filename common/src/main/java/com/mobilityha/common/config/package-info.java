/** Typed configuration shared by every service: HTTP limits and the companies served. */
package com.mobilityha.common.config;
