/** The demo company, defined once: the demo, the system tests, the services' tests and the checked copies (simulator seed, config profiles, k8s overlays) derive from it. */
package com.mobilityha.localstack.demo;
