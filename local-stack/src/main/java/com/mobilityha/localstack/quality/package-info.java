/** Checks of the code's structure that every module's tests run (package cycles). */
package com.mobilityha.localstack.quality;
