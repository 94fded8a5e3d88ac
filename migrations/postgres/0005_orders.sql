CREATE TABLE cart_items (
    id           BIGSERIAL PRIMARY KEY,
    shopper_id   BIGINT NOT NULL REFERENCES shoppers (id),
    sku_id       BIGINT NOT NULL REFERENCES skus (id),
    quantity     BIGINT NOT NULL,
    selected     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CHECK (quantity > 0)
);
CREATE UNIQUE INDEX cart_items_shopper_sku ON cart_items (shopper_id, sku_id);

-- Amounts are fen. pay_amount = goods_amount - discount_amount + shipping_fee.
-- pay_provider/pay_transaction_id record the payment that paid the order, so
-- a repeated notice of the same payment is recognised as a no-op.
-- distributor_id is the attributed distributor (filled by the distribution
-- domain); NULL means the merchant's own shop.
CREATE TABLE orders (
    id               BIGSERIAL PRIMARY KEY,
    order_no         VARCHAR(32) NOT NULL,
    shopper_id       BIGINT NOT NULL REFERENCES shoppers (id),
    status           VARCHAR(24) NOT NULL,
    goods_amount     BIGINT NOT NULL,
    discount_amount  BIGINT NOT NULL DEFAULT 0,
    shipping_fee     BIGINT NOT NULL DEFAULT 0,
    pay_amount       BIGINT NOT NULL,
    refunded_amount  BIGINT NOT NULL DEFAULT 0,
    distributor_id   BIGINT,
    address_json     TEXT NOT NULL,
    remark           VARCHAR(255) NOT NULL DEFAULT '',
    carrier          VARCHAR(64) NOT NULL DEFAULT '',
    tracking_no      VARCHAR(64) NOT NULL DEFAULT '',
    pay_method       VARCHAR(32) NOT NULL DEFAULT '',
    pay_provider     VARCHAR(16) NOT NULL DEFAULT '',
    pay_transaction_id VARCHAR(64) NOT NULL DEFAULT '',
    expires_at       TIMESTAMPTZ NOT NULL,
    paid_at          TIMESTAMPTZ,
    shipped_at       TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    cancelled_at     TIMESTAMPTZ,
    cancel_reason    VARCHAR(255) NOT NULL DEFAULT '',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK (refunded_amount >= 0 AND refunded_amount <= pay_amount)
);
CREATE UNIQUE INDEX orders_order_no ON orders (order_no);
CREATE INDEX orders_shopper ON orders (shopper_id, created_at);
CREATE INDEX orders_status ON orders (status, created_at);
CREATE INDEX orders_distributor ON orders (distributor_id, created_at);

-- A snapshot of what was bought: later product edits never change it.
CREATE TABLE order_lines (
    id               BIGSERIAL PRIMARY KEY,
    order_id         BIGINT NOT NULL REFERENCES orders (id),
    product_id       BIGINT NOT NULL,
    sku_id           BIGINT NOT NULL,
    title            VARCHAR(128) NOT NULL,
    spec_text        VARCHAR(255) NOT NULL DEFAULT '',
    image_url        VARCHAR(512) NOT NULL DEFAULT '',
    unit_price       BIGINT NOT NULL,
    quantity         BIGINT NOT NULL,
    amount           BIGINT NOT NULL,
    paid_amount      BIGINT NOT NULL,
    refunded_amount  BIGINT NOT NULL DEFAULT 0,
    refunded_qty     BIGINT NOT NULL DEFAULT 0,
    commission_mode  VARCHAR(16) NOT NULL DEFAULT 'inherit',
    commission_tier1 BIGINT NOT NULL DEFAULT 0,
    commission_tier2 BIGINT NOT NULL DEFAULT 0,
    CHECK (quantity > 0),
    CHECK (refunded_qty >= 0 AND refunded_qty <= quantity),
    CHECK (refunded_amount >= 0 AND refunded_amount <= paid_amount)
);
CREATE INDEX order_lines_order ON order_lines (order_id);

CREATE TABLE order_events (
    id           BIGSERIAL PRIMARY KEY,
    order_id     BIGINT NOT NULL REFERENCES orders (id),
    from_status  VARCHAR(24) NOT NULL DEFAULT '',
    to_status    VARCHAR(24) NOT NULL,
    event        VARCHAR(32) NOT NULL,
    actor_type   VARCHAR(16) NOT NULL,
    actor_id     BIGINT NOT NULL DEFAULT 0,
    note         VARCHAR(512) NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- After-sales refund requests, full or for part of the lines.
CREATE TABLE refund_requests (
    id            BIGSERIAL PRIMARY KEY,
    refund_no     VARCHAR(32) NOT NULL,
    order_id      BIGINT NOT NULL REFERENCES orders (id),
    shopper_id    BIGINT NOT NULL,
    status        VARCHAR(16) NOT NULL,
    amount        BIGINT NOT NULL,
    reason        VARCHAR(512) NOT NULL,
    reject_reason VARCHAR(512) NOT NULL DEFAULT '',
    reviewed_by   BIGINT,
    reviewed_at   TIMESTAMPTZ,
    refunded_at   TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX refund_requests_no ON refund_requests (refund_no);
CREATE INDEX refund_requests_order ON refund_requests (order_id);
CREATE INDEX refund_requests_status ON refund_requests (status, created_at);
-- At most one open (pending) request per order.
CREATE UNIQUE INDEX refund_requests_open ON refund_requests (order_id) WHERE status = 'pending';

CREATE TABLE refund_lines (
    id                BIGSERIAL PRIMARY KEY,
    refund_request_id BIGINT NOT NULL REFERENCES refund_requests (id),
    order_line_id     BIGINT NOT NULL REFERENCES order_lines (id),
    quantity          BIGINT NOT NULL,
    amount            BIGINT NOT NULL
);
CREATE INDEX refund_lines_request ON refund_lines (refund_request_id);

-- One row per payment attempt. Only the sandbox provider exists so far.
CREATE TABLE payments (
    id               BIGSERIAL PRIMARY KEY,
    order_id         BIGINT NOT NULL REFERENCES orders (id),
    provider         VARCHAR(16) NOT NULL,
    method           VARCHAR(24) NOT NULL,
    out_trade_no     VARCHAR(64) NOT NULL,
    amount           BIGINT NOT NULL,
    status           VARCHAR(16) NOT NULL,
    transaction_id   VARCHAR(64) NOT NULL DEFAULT '',
    paid_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX payments_out_trade_no ON payments (out_trade_no);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_status ON payments (status);
