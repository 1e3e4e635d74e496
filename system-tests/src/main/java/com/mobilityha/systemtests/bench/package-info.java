/**
 * Benchmarks of docs/architecture.md §5, run one at a time with {@code bin/bench <ID>}. Each compares with a
 * baseline measured in the same run and ends with {@code <ID> <measure>: <value> (<details>)}.
 */
package com.mobilityha.systemtests.bench;
