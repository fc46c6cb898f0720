-- A fresh database holds GA4's default channel groups and the default models, in this order, so that the ids in
-- users' examples (channel 1, models 1..8) mean the same thing everywhere. Rows are inserted one by one, without ids,
-- so that the identity columns hand out 1, 2, 3, ... and later inserts continue after them.

INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Paid Search', 'paid_search', 'Ads on search engines (google / cpc, bing / ppc)', 1.2000, NULL, 50000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Paid Social', 'paid_social', 'Ads on social networks (facebook / paid_social)', 0.8000, 0.004000, 30000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Email', 'email', 'Newsletters and lifecycle email', 0.0100, NULL, 2000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Display', 'display', 'Banner and programmatic display (medium display, banner, cpm)', 0.6000, 0.005000, 20000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Organic Search', 'organic_search', 'Unpaid search results', NULL, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Organic Social', 'organic_social', 'Unpaid social posts and shares', NULL, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Direct', 'direct', 'Typed-in URLs and bookmarks ((direct) / (none))', NULL, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Referral', 'referral', 'Links from other sites', NULL, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Affiliates', 'affiliate', 'Affiliate partners (medium affiliate)', 2.5000, NULL, 10000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Paid Video', 'paid_video', 'Video ads (youtube / cpv)', NULL, 0.030000, 15000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Organic Video', 'organic_video', 'Unpaid video views', NULL, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Paid Shopping', 'paid_shopping', 'Shopping ads', 0.9000, NULL, 10000.00);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Organic Shopping', 'organic_shopping', 'Unpaid shopping listings', NULL, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Paid Other', 'paid_other', 'Other paid traffic (cpc, ppc, paid media)', 1.0000, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Cross-network', 'cross_network', 'Campaigns that run across networks (Performance Max)', 1.0000, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Audio', 'audio', 'Audio ads (medium audio)', NULL, 0.020000, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('SMS', 'sms', 'Text messages', 0.0400, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Mobile Push Notifications', 'push', 'App push notifications', 0.0020, NULL, NULL);
INSERT INTO channels (name, channel_type, description, cost_per_click, cost_per_impression, monthly_budget)
VALUES ('Unassigned', 'other', 'Traffic no channel rule matched', NULL, NULL, NULL);

INSERT INTO attribution_models (name, model_type, description)
VALUES ('First Touch', 'first_touch', 'All credit to the first touch');
INSERT INTO attribution_models (name, model_type, description)
VALUES ('Last Touch', 'last_touch', 'All credit to the last touch');
INSERT INTO attribution_models (name, model_type, description)
VALUES ('Linear', 'linear', 'Equal credit to every touch');
INSERT INTO attribution_models (name, model_type, description, time_decay_halflife_days)
VALUES ('Time Decay', 'time_decay', 'Credit halves every half-life before the conversion', 7);
INSERT INTO attribution_models (name, model_type, description, position_weights)
VALUES ('Position Based', 'position_based', 'U-shaped: 40% first, 40% last, 20% over the middle',
        '{"first": 0.4, "middle": 0.2, "last": 0.4}');
INSERT INTO attribution_models (name, model_type, description, ml_model_type, training_data_window_days)
VALUES ('Data-Driven (AI)', 'data_driven', 'AI attribution through the Anthropic API', 'claude-sonnet-4-5-20250929', 90);
INSERT INTO attribution_models (name, model_type, description, ml_parameters, training_data_window_days)
VALUES ('Markov Chain', 'markov', 'Removal effects of an exact first-order Markov chain', '{"order": 1}', 90);
INSERT INTO attribution_models (name, model_type, description, ml_parameters, training_data_window_days)
VALUES ('Shapley Value', 'shapley', 'Exact Shapley values per channel set', '{"cap": 20}', 90);
INSERT INTO attribution_models (name, model_type, description)
VALUES ('Last Non-Direct', 'last_non_direct', 'All credit to the last touch that is not direct traffic');
INSERT INTO attribution_models (name, model_type, description, position_weights)
VALUES ('J-Shaped', 'j_shaped', '20% first, 60% last, 20% over the middle', '{"first": 0.2, "middle": 0.2, "last": 0.6}');
INSERT INTO attribution_models (name, model_type, description, position_weights)
VALUES ('Inverse J', 'inverse_j', '60% first, 20% last, 20% over the middle', '{"first": 0.6, "middle": 0.2, "last": 0.2}');
INSERT INTO attribution_models (name, model_type, description, custom_rules)
VALUES ('W-Shaped', 'w_shaped', '30% first, 30% lead, 30% last, 10% over the rest', '{"milestone_types": "lead"}');
INSERT INTO attribution_models (name, model_type, description)
VALUES ('Participation', 'participation', 'Every channel on the journey gets the whole conversion (not additive)');
INSERT INTO attribution_models (name, model_type, description, training_data_window_days)
VALUES ('Counterfactual', 'counterfactual', 'Leave-one-out marginal contributions per exact path (fractribution)', 90);
INSERT INTO attribution_models (name, model_type, description, ml_parameters, training_data_window_days)
VALUES ('Markov Chain (order 2)', 'markov', 'Removal effects of an exact second-order Markov chain', '{"order": 2}', 90);
