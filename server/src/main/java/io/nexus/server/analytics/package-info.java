/** Reports over many journeys: channel ROI and ROAS, model comparison, top conversion paths. */
package io.nexus.server.analytics;
