/**
 * Attribution: single and bulk calculations with the engine, background jobs, stored results, the cached fits of
 * data-driven models and journey visualizations.
 */
package io.nexus.server.attribution;
