/** Attribution model configurations: the default models and users' own, validated by the engine. */
package io.nexus.server.model;
