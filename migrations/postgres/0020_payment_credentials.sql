-- Merchant payment credentials entered in the admin (package
-- payment/credentials), one row per provider (wechatpay, alipay). Values
-- from FENXIAO_WECHATPAY_* / FENXIAO_ALIPAY_* win over a row here.
-- public_json holds what is not secret (ids, public keys, certificates);
-- secrets holds the private keys and the APIv3 key as one sealed value
-- (AES-256-GCM, key derived from the server secret; package sealed).
CREATE TABLE payment_credentials (
    provider    VARCHAR(16) PRIMARY KEY,
    public_json TEXT NOT NULL,
    secrets     TEXT NOT NULL,
    updated_by  BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
