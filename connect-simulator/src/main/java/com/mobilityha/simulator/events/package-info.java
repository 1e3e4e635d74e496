/**
 * Amazon Connect's agent event stream: each instance publishes its agents' STATE_CHANGE events to a
 * Kinesis data stream, read through the part of the Kinesis API that the AWS SDK's KinesisClient
 * uses (JSON 1.1 wire format).
 */
package com.mobilityha.simulator.events;
