CREATE TABLE admin_users (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    username             VARCHAR(64) NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    role                 VARCHAR(16) NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         DATETIME,
    last_login_at        DATETIME,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);
CREATE UNIQUE INDEX admin_users_username ON admin_users (username);
