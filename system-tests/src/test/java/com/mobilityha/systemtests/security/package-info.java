/**
 * Attacks on a running site over real processes, one test method per attempt ({@code Attack_…}), each
 * asserting the refusal and that legitimate traffic still works.
 */
package com.mobilityha.systemtests.security;
