-- Two-tier commissions (internal/commission). orders.distributor_id holds
-- the tier-1 distributor at checkout; tier2_distributor_id its parent.
ALTER TABLE orders ADD COLUMN tier2_distributor_id BIGINT;

-- One row per order line and tier (never a third tier). amount is what was
-- accrued (0 when the distributor was frozen or a cap applied; reason says
-- why), reversed_amount what refunds took back. status: pending (frozen
-- until the order settles), settled (moved to available), reversed (fully
-- refunded while pending). unlock_at is set when the order completes.
CREATE TABLE commission_records (
    id               BIGSERIAL PRIMARY KEY,
    order_id         BIGINT NOT NULL REFERENCES orders (id),
    order_line_id    BIGINT NOT NULL REFERENCES order_lines (id),
    buyer_shopper_id BIGINT NOT NULL,
    distributor_id   BIGINT NOT NULL REFERENCES distributors (id),
    tier             BIGINT NOT NULL CHECK (tier IN (1, 2)),
    base_amount      BIGINT NOT NULL,
    mode             VARCHAR(16) NOT NULL,
    rate_value       BIGINT NOT NULL,
    amount           BIGINT NOT NULL CHECK (amount >= 0),
    reversed_amount  BIGINT NOT NULL DEFAULT 0 CHECK (reversed_amount >= 0 AND reversed_amount <= amount),
    status           VARCHAR(16) NOT NULL,
    reason           VARCHAR(32) NOT NULL DEFAULT '',
    unlock_at        TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    settled_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX commission_records_line_tier ON commission_records (order_line_id, tier);
CREATE INDEX commission_records_order ON commission_records (order_id);
CREATE INDEX commission_records_distributor ON commission_records (distributor_id, created_at);
CREATE INDEX commission_records_due ON commission_records (status, unlock_at);
CREATE INDEX commission_records_buyer ON commission_records (buyer_shopper_id, created_at);
