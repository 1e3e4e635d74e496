/**
 * The reference phone app's SDK: {@code MobilityClient} speaks the app-facing contract
 * (docs/app-guide.md) and drives the app's state machine ({@code state}), site choice
 * ({@code site}), SSO ({@code sso}) and push reactions ({@code push}).
 */
package com.mobilityha.mobile;
