-- Every verified word from a payment provider about a payment attempt
-- (notification, active query, manual reconciliation, sandbox), kept for
-- audit with what we made of it. The first copy of each is kept; repeats
-- of the same notification add nothing.
CREATE TABLE payment_confirmations (
    id             BIGSERIAL PRIMARY KEY,
    payment_id     BIGINT REFERENCES payments (id),
    provider       VARCHAR(16) NOT NULL,
    source         VARCHAR(16) NOT NULL,
    out_trade_no   VARCHAR(64) NOT NULL,
    transaction_id VARCHAR(64) NOT NULL,
    amount         BIGINT NOT NULL,
    outcome        VARCHAR(24) NOT NULL,
    detail         TEXT NOT NULL DEFAULT '',
    raw            TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX payment_confirmations_once ON payment_confirmations (provider, out_trade_no, source, transaction_id, outcome);
CREATE INDEX payment_confirmations_payment ON payment_confirmations (payment_id);

-- Problems the merchant must look at: a confirmation that does not match
-- our records, money taken for an order that was cancelled or already
-- paid, a notification for a trade we do not know.
CREATE TABLE payment_alerts (
    id            BIGSERIAL PRIMARY KEY,
    kind          VARCHAR(32) NOT NULL,
    provider      VARCHAR(16) NOT NULL,
    out_trade_no  VARCHAR(64) NOT NULL DEFAULT '',
    order_id      BIGINT,
    payment_id    BIGINT,
    amount        BIGINT NOT NULL DEFAULT 0,
    detail        TEXT NOT NULL,
    dedupe_key    VARCHAR(160) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    resolved_by   BIGINT,
    resolved_note TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    resolved_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX payment_alerts_dedupe ON payment_alerts (dedupe_key);
CREATE INDEX payment_alerts_status ON payment_alerts (status, id);
