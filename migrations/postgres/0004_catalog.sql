CREATE TABLE categories (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(64) NOT NULL,
    icon_url     VARCHAR(512) NOT NULL DEFAULT '',
    sort_order   BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    deleted_at   TIMESTAMPTZ
);
-- Categories are soft-deleted (deleted products still reference them), so a
-- name is unique only among live categories.
CREATE UNIQUE INDEX categories_name ON categories (name) WHERE deleted_at IS NULL;

-- Commission fields: mode is 'inherit' (use the global rates), 'rate'
-- (commission_tier1/commission_tier2 are basis points of the paid line amount) or
-- 'fixed' (values are fen per unit). The distribution domain reads them.
-- min_price is the lowest enabled SKU price, kept by the catalogue service.
-- Products are soft-deleted: order lines keep pointing at them.
CREATE TABLE products (
    id                BIGSERIAL PRIMARY KEY,
    category_id       BIGINT NOT NULL REFERENCES categories (id),
    title             VARCHAR(128) NOT NULL,
    subtitle          VARCHAR(255) NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    images_json       TEXT NOT NULL DEFAULT '[]',
    status            VARCHAR(16) NOT NULL DEFAULT 'off_shelf',
    sort_order        BIGINT NOT NULL DEFAULT 0,
    min_price         BIGINT NOT NULL DEFAULT 0,
    sales             BIGINT NOT NULL DEFAULT 0,
    commission_mode   VARCHAR(16) NOT NULL DEFAULT 'inherit',
    commission_tier1  BIGINT NOT NULL DEFAULT 0,
    commission_tier2  BIGINT NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    deleted_at        TIMESTAMPTZ
);
CREATE INDEX products_category ON products (category_id, status);
CREATE INDEX products_listing ON products (status, sort_order, id);

-- spec_json holds the spec values, e.g. {"颜色":"红","尺码":"M"}. SKUs are
-- never deleted (orders and carts reference them); they are disabled.
CREATE TABLE skus (
    id           BIGSERIAL PRIMARY KEY,
    product_id   BIGINT NOT NULL REFERENCES products (id),
    code         VARCHAR(64) NOT NULL DEFAULT '',
    spec_json    TEXT NOT NULL DEFAULT '{}',
    price        BIGINT NOT NULL,
    stock        BIGINT NOT NULL DEFAULT 0,
    image_url    VARCHAR(512) NOT NULL DEFAULT '',
    enabled      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CHECK (price > 0),
    CHECK (stock >= 0)
);
CREATE INDEX skus_product ON skus (product_id);

-- Images admins uploaded (the files live in media storage under name).
CREATE TABLE uploads (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(128) NOT NULL,
    content_type VARCHAR(64) NOT NULL,
    size         BIGINT NOT NULL,
    uploaded_by  BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX uploads_name ON uploads (name);
