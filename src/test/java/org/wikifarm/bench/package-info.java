/**
 * Benchmarks: {@code *Bench} classes that failsafe runs against a real Tomcat with {@code mvn -Pbench verify}. They
 * measure and report (docs/benchmarks.md); they fail only when the server answers wrongly, never on a time.
 */
package org.wikifarm.bench;
