/** The channel catalogue: GA4's default channel groups and the user's own channels, with their costs. */
package io.nexus.server.channel;
