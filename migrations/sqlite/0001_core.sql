-- Sessions for shoppers and admins. The token itself is never stored, only
-- its SHA-256, so a database leak does not leak live sessions.
CREATE TABLE sessions (
    token_hash   VARCHAR(64) PRIMARY KEY,
    kind         VARCHAR(16) NOT NULL,
    subject_id   INTEGER NOT NULL,
    csrf_token   VARCHAR(64) NOT NULL,
    ip           VARCHAR(64) NOT NULL DEFAULT '',
    user_agent   VARCHAR(255) NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    expires_at   DATETIME NOT NULL
);
CREATE INDEX sessions_subject ON sessions (kind, subject_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id     INTEGER NOT NULL,
    actor_name   VARCHAR(64) NOT NULL,
    action       VARCHAR(64) NOT NULL,
    target_type  VARCHAR(32) NOT NULL DEFAULT '',
    target_id    VARCHAR(64) NOT NULL DEFAULT '',
    before_json  TEXT NOT NULL DEFAULT '',
    after_json   TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    ip           VARCHAR(64) NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
CREATE INDEX audit_log_action ON audit_log (action, created_at);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id);

CREATE TABLE settings (
    key          VARCHAR(64) PRIMARY KEY,
    value_json   TEXT NOT NULL,
    updated_at   DATETIME NOT NULL
);
