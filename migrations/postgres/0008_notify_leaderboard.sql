-- In-app notifications. dedupe_key makes a business event notify at most
-- once (NULLs never collide); the inbox is read newest first per recipient.
CREATE TABLE notifications (
    id                   BIGSERIAL PRIMARY KEY,
    recipient_shopper_id BIGINT NOT NULL REFERENCES shoppers (id),
    kind                 VARCHAR(32) NOT NULL,
    title                VARCHAR(128) NOT NULL,
    body                 VARCHAR(1000) NOT NULL DEFAULT '',
    data_json            TEXT NOT NULL DEFAULT '{}',
    dedupe_key           VARCHAR(191),
    read_at              TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (dedupe_key);
CREATE INDEX notifications_inbox ON notifications (recipient_shopper_id, id);
CREATE INDEX notifications_unread ON notifications (recipient_shopper_id, read_at);

-- Leaderboard counters: one row per metric, period bucket and distributor.
-- The index serves Top (forward scan in rank order) and Rank (two range
-- counts) without touching the table.
CREATE TABLE leaderboard_counters (
    metric         VARCHAR(16) NOT NULL,
    period_kind    VARCHAR(8) NOT NULL,
    period_key     VARCHAR(16) NOT NULL,
    distributor_id BIGINT NOT NULL,
    value          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (metric, period_kind, period_key, distributor_id)
);
CREATE INDEX leaderboard_counters_rank ON leaderboard_counters (metric, period_kind, period_key, value DESC, distributor_id);

-- Events already counted, by idempotency key: a repeated event is a no-op.
CREATE TABLE leaderboard_events (
    event_key      VARCHAR(191) PRIMARY KEY,
    distributor_id BIGINT NOT NULL,
    metric         VARCHAR(16) NOT NULL,
    amount         BIGINT NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
