-- Distribution core (internal/referral): distributors, applications,
-- buyer bindings and their history, and distributor levels. Two tiers only:
-- a distributor's parent is fixed when it joins; money never flows further.

-- Levels grant commission rates. A level is reached by attributed sales or
-- by settled commission, never by the number of people recruited.
CREATE TABLE distributor_levels (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            VARCHAR(32) NOT NULL,
    rank            INTEGER NOT NULL,
    tier1_rate_bp   INTEGER NOT NULL DEFAULT 0,
    tier2_rate_bp   INTEGER NOT NULL DEFAULT 0,
    threshold_kind  VARCHAR(16) NOT NULL,
    threshold_fen   INTEGER NOT NULL DEFAULT 0,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    CHECK (tier1_rate_bp >= 0 AND tier2_rate_bp >= 0 AND tier1_rate_bp + tier2_rate_bp <= 10000),
    CHECK (threshold_fen >= 0)
);
CREATE UNIQUE INDEX distributor_levels_rank ON distributor_levels (rank);
CREATE UNIQUE INDEX distributor_levels_name ON distributor_levels (name);

-- featured_json is the distributor's ordered pick of catalogue products,
-- [{"product_id":1,"hidden":false}]; empty means the whole catalogue.
CREATE TABLE distributors (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    shopper_id     INTEGER NOT NULL REFERENCES shoppers (id),
    invite_code    VARCHAR(16) NOT NULL,
    parent_id      INTEGER REFERENCES distributors (id),
    status         VARCHAR(16) NOT NULL DEFAULT 'active',
    level_id       INTEGER REFERENCES distributor_levels (id),
    shop_title     VARCHAR(64) NOT NULL DEFAULT '',
    shop_greeting  VARCHAR(255) NOT NULL DEFAULT '',
    featured_json  TEXT NOT NULL DEFAULT '[]',
    joined_at      DATETIME NOT NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX distributors_shopper ON distributors (shopper_id);
CREATE UNIQUE INDEX distributors_code ON distributors (invite_code);
CREATE INDEX distributors_parent ON distributors (parent_id);
CREATE INDEX distributors_status ON distributors (status, id);

-- Applications to become a distributor. The phone is collected only here,
-- for the merchant to reach the applicant, and is masked in admin lists.
CREATE TABLE distributor_applications (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    shopper_id     INTEGER NOT NULL REFERENCES shoppers (id),
    name           VARCHAR(64) NOT NULL,
    phone          VARCHAR(20) NOT NULL,
    note           VARCHAR(255) NOT NULL DEFAULT '',
    status         VARCHAR(16) NOT NULL DEFAULT 'pending',
    reject_reason  VARCHAR(255) NOT NULL DEFAULT '',
    reviewed_by    INTEGER,
    reviewed_at    DATETIME,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX distributor_applications_status ON distributor_applications (status, id);
-- At most one pending application per shopper.
CREATE UNIQUE INDEX distributor_applications_pending ON distributor_applications (shopper_id) WHERE status = 'pending';

-- The CURRENT binding of a buyer to a distributor (one row per buyer).
CREATE TABLE bindings (
    shopper_id        INTEGER PRIMARY KEY REFERENCES shoppers (id),
    distributor_id    INTEGER NOT NULL REFERENCES distributors (id),
    source            VARCHAR(16) NOT NULL,
    bound_at          DATETIME NOT NULL,
    last_purchase_at  DATETIME,
    locked            BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at        DATETIME NOT NULL
);
CREATE INDEX bindings_distributor ON bindings (distributor_id);

-- Every change of a binding; actor_id is the admin for manual re-binds.
CREATE TABLE binding_history (
    id                       INTEGER PRIMARY KEY AUTOINCREMENT,
    shopper_id               INTEGER NOT NULL REFERENCES shoppers (id),
    previous_distributor_id  INTEGER,
    new_distributor_id       INTEGER,
    source                   VARCHAR(16) NOT NULL,
    reason                   VARCHAR(255) NOT NULL DEFAULT '',
    actor_id                 INTEGER,
    created_at               DATETIME NOT NULL
);
CREATE INDEX binding_history_shopper ON binding_history (shopper_id, id);
CREATE INDEX binding_history_previous ON binding_history (previous_distributor_id, id);
CREATE INDEX binding_history_new ON binding_history (new_distributor_id, id);
