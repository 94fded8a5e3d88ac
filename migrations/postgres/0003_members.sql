-- One person, one account: a phone and a WeChat identity can each belong to
-- at most one shopper (unique indexes), and can be linked on one shopper.
CREATE TABLE shoppers (
    id           BIGSERIAL PRIMARY KEY,
    phone        VARCHAR(20),
    nickname     VARCHAR(64) NOT NULL DEFAULT '',
    avatar_url   VARCHAR(512) NOT NULL DEFAULT '',
    status       VARCHAR(16) NOT NULL DEFAULT 'active',
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    deleted_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX shoppers_phone ON shoppers (phone);
CREATE INDEX shoppers_created ON shoppers (created_at);
CREATE INDEX shoppers_status ON shoppers (status, id);

CREATE TABLE wechat_identities (
    id           BIGSERIAL PRIMARY KEY,
    shopper_id   BIGINT NOT NULL REFERENCES shoppers (id),
    app_id       VARCHAR(64) NOT NULL,
    openid       VARCHAR(128) NOT NULL,
    unionid      VARCHAR(128),
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX wechat_identities_openid ON wechat_identities (app_id, openid);
CREATE UNIQUE INDEX wechat_identities_shopper ON wechat_identities (shopper_id, app_id);
CREATE INDEX wechat_identities_unionid ON wechat_identities (unionid);

-- One-time login codes. Only a hash of the code is stored.
CREATE TABLE sms_codes (
    id           BIGSERIAL PRIMARY KEY,
    phone        VARCHAR(20) NOT NULL,
    code_hash    VARCHAR(64) NOT NULL,
    purpose      VARCHAR(16) NOT NULL DEFAULT 'login',
    attempts     BIGINT NOT NULL DEFAULT 0,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_codes_phone ON sms_codes (phone, created_at);

-- Development-only copy of sent messages for the admin "dev inbox".
CREATE TABLE dev_sms_inbox (
    id           BIGSERIAL PRIMARY KEY,
    phone        VARCHAR(20) NOT NULL,
    body         VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX dev_sms_inbox_phone ON dev_sms_inbox (phone, id);

CREATE TABLE addresses (
    id           BIGSERIAL PRIMARY KEY,
    shopper_id   BIGINT NOT NULL REFERENCES shoppers (id),
    name         VARCHAR(64) NOT NULL,
    phone        VARCHAR(20) NOT NULL,
    province     VARCHAR(32) NOT NULL,
    city         VARCHAR(32) NOT NULL,
    district     VARCHAR(32) NOT NULL DEFAULT '',
    detail       VARCHAR(255) NOT NULL,
    postal_code  VARCHAR(12) NOT NULL DEFAULT '',
    is_default   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    deleted_at   TIMESTAMPTZ
);
CREATE INDEX addresses_shopper ON addresses (shopper_id);
-- At most one live default address per shopper (the service keeps it at
-- exactly one whenever any exist).
CREATE UNIQUE INDEX addresses_one_default ON addresses (shopper_id) WHERE is_default AND deleted_at IS NULL;
