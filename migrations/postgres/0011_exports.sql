-- Spreadsheet exports built in the background (River job export.build).
-- rows_done / rows_total drive the admin's progress bar; file_name is
-- relative to the data directory's exports/ folder and the file is deleted
-- when the export expires.
CREATE TABLE exports (
    id           BIGSERIAL PRIMARY KEY,
    kind         VARCHAR(32) NOT NULL,
    filters      TEXT NOT NULL DEFAULT '{}',
    status       VARCHAR(16) NOT NULL,
    rows_done    BIGINT NOT NULL DEFAULT 0,
    rows_total   BIGINT NOT NULL DEFAULT 0,
    file_name    VARCHAR(128) NOT NULL DEFAULT '',
    size_bytes   BIGINT NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    requested_by BIGINT NOT NULL,
    requested_by_name VARCHAR(64) NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX exports_status_expires ON exports (status, expires_at);
