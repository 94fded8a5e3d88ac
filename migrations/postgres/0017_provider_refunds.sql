-- Refunds sent through a payment provider. An approved after-sales refund
-- (refund_request_id set) or a payment that arrived for an order that could
-- not be restored (refund_request_id NULL) becomes one row here; its
-- out_refund_no never changes, so retries are idempotent at the provider.
-- status: processing -> succeeded | failed. next_query_at drives the
-- payment.query_refunds poll while the provider has not said how it ended.
CREATE TABLE payment_refunds (
    id                 BIGSERIAL PRIMARY KEY,
    refund_request_id  BIGINT REFERENCES refund_requests (id),
    order_id           BIGINT NOT NULL REFERENCES orders (id),
    payment_id         BIGINT NOT NULL REFERENCES payments (id),
    provider           VARCHAR(16) NOT NULL,
    out_trade_no       VARCHAR(64) NOT NULL,
    out_refund_no      VARCHAR(64) NOT NULL,
    amount             BIGINT NOT NULL CHECK (amount > 0),
    total              BIGINT NOT NULL,
    reason             VARCHAR(80) NOT NULL DEFAULT '',
    status             VARCHAR(16) NOT NULL,
    provider_refund_id VARCHAR(64) NOT NULL DEFAULT '',
    last_error         VARCHAR(255) NOT NULL DEFAULT '',
    query_count        INTEGER NOT NULL DEFAULT 0,
    next_query_at      TIMESTAMPTZ,
    succeeded_at       TIMESTAMPTZ,
    raw                TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX payment_refunds_out_refund_no ON payment_refunds (out_refund_no);
CREATE UNIQUE INDEX payment_refunds_request ON payment_refunds (refund_request_id);
CREATE INDEX payment_refunds_order ON payment_refunds (order_id);
CREATE INDEX payment_refunds_poll ON payment_refunds (status, next_query_at);
CREATE INDEX payment_refunds_succeeded ON payment_refunds (provider, succeeded_at);
