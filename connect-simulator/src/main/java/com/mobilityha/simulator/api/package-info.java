/** The Amazon Connect operations in restJson1 (the paths, members and errors the AWS SDK v2 uses). */
package com.mobilityha.simulator.api;
