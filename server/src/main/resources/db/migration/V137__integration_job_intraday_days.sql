-- GA4 imports read the events_intraday_* tables of days not yet final: a job keeps which days those were (JSON list
-- of dates), so that whoever reads it knows to import them again once GA4's daily tables replace them.
ALTER TABLE integration_jobs ADD COLUMN intraday_days VARCHAR(20000);
