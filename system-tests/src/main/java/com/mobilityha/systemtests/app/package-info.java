/** A plain HTTP client speaking the app-facing contract (DESIGN §3), used by the demo, drills and benchmarks. */
package com.mobilityha.systemtests.app;
