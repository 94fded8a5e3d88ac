-- Spreadsheet exports built in the background (River job export.build).
-- rows_done / rows_total drive the admin's progress bar; file_name is
-- relative to the data directory's exports/ folder and the file is deleted
-- when the export expires.
CREATE TABLE exports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         VARCHAR(32) NOT NULL,
    filters      TEXT NOT NULL DEFAULT '{}',
    status       VARCHAR(16) NOT NULL,
    rows_done    INTEGER NOT NULL DEFAULT 0,
    rows_total   INTEGER NOT NULL DEFAULT 0,
    file_name    VARCHAR(128) NOT NULL DEFAULT '',
    size_bytes   INTEGER NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',
    requested_by INTEGER NOT NULL,
    requested_by_name VARCHAR(64) NOT NULL DEFAULT '',
    created_at   DATETIME NOT NULL,
    started_at   DATETIME,
    finished_at  DATETIME,
    expires_at   DATETIME NOT NULL
);
CREATE INDEX exports_status_expires ON exports (status, expires_at);
