/** The notification stream: a Redis Streams consumer group delivering each entry at least once, with reclaim of stalled entries and a dead-letter stream. */
package com.mobilityha.notifier.stream;
