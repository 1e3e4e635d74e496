/** A plain HTTP client speaking the app-facing contract (docs/architecture.md §3), used by the demo, drills and benchmarks. */
package com.mobilityha.systemtests.app;
