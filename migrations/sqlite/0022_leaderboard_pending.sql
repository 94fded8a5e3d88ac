-- Leaderboard events are counted after the payment that records them, in
-- batches: a payment only inserts its events (pending = 1), and the counter
-- (leaderboard.SQL.CountPending, run every half second and before every
-- read) adds pending events to the counters and the rank histogram
-- together, where many of them fold into one row. Events recorded before
-- this migration were counted when recorded.
ALTER TABLE leaderboard_events ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX leaderboard_events_pending ON leaderboard_events (event_key) WHERE pending = 1;
