/**
 * Not API: the allocation-free structures the model packages share (int-sequence keys, a row's distinct channels).
 * Public only so that the rules, Markov and Shapley packages can use them; nothing outside the engine may, and they
 * change without notice.
 */
package io.nexus.engine.internal;
