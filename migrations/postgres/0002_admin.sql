CREATE TABLE admin_users (
    id                   BIGSERIAL PRIMARY KEY,
    username             VARCHAR(64) NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    role                 VARCHAR(16) NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins        BIGINT NOT NULL DEFAULT 0,
    locked_until         TIMESTAMPTZ,
    last_login_at        TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX admin_users_username ON admin_users (username);
