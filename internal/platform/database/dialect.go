package database

import (
	"database/sql"

	"gorm.io/gorm"
)

// The one place SQLite and PostgreSQL differ for the code above this
// package: a store asks DialectOf(tx) and uses what the methods below
// return, and never compares dialect names itself. Each method returns
// exactly the SQL its callers ran before it existed.
//
// SQLite has one writer at a time (one connection, BEGIN IMMEDIATE), so it
// needs no row locks and has none; PostgreSQL runs writers concurrently
// under READ COMMITTED and takes row locks in the orders the callers
// document.

// DialectOf is the dialect of db, a handle or a transaction.
func DialectOf(db *gorm.DB) Dialect {
	if db.Dialector.Name() == string(Postgres) {
		return Postgres
	}
	return SQLite
}

// LocksRows reports whether the dialect has row locks to take in a lock
// order (PostgreSQL). On SQLite a lock-only statement is skipped.
func (d Dialect) LocksRows() bool { return d == Postgres }

// ForUpdate is the clause ending a SELECT that locks its rows against
// every other writer: " FOR UPDATE" on PostgreSQL, "" on SQLite.
func (d Dialect) ForUpdate() string {
	if d.LocksRows() {
		return " FOR UPDATE"
	}
	return ""
}

// ForNoKeyUpdate is the clause ending a SELECT that takes the lock an
// UPDATE of non-key columns takes: " FOR NO KEY UPDATE" on PostgreSQL, ""
// on SQLite. Unlike FOR UPDATE it does not block the foreign-key checks
// of rows that reference the locked ones.
func (d Dialect) ForNoKeyUpdate() string {
	if d.LocksRows() {
		return " FOR NO KEY UPDATE"
	}
	return ""
}

// Param is a bind parameter typed as pgType (BIGINT, TIMESTAMPTZ) where
// the dialect needs it: PostgreSQL types a bare parameter in a CASE or an
// arithmetic expression as text, so there it is "CAST(? AS pgType)".
// SQLite gets a bare "?" (its CAST AS TIMESTAMP would turn a time into a
// number), as does pgType "".
func (d Dialect) Param(pgType string) string {
	if pgType != "" && d == Postgres {
		return "CAST(? AS " + pgType + ")"
	}
	return "?"
}

// EpochSeconds is SQL for the Unix seconds of timestamp column col
// (SQLite stores times as text, PostgreSQL as timestamptz).
func (d Dialect) EpochSeconds(col string) string {
	if d == Postgres {
		return "CAST(FLOOR(EXTRACT(EPOCH FROM " + col + ")) AS BIGINT)"
	}
	return "unixepoch(" + col + ")"
}

// TableIndexedBy is table for a FROM clause that makes SQLite's planner
// use index (INDEXED BY); PostgreSQL's planner takes no such hint.
func (d Dialect) TableIndexedBy(table, index string) string {
	if d == Postgres {
		return table
	}
	return table + " INDEXED BY " + index
}

// SnapshotReadTx are the options of a read-only transaction whose reads all
// see one snapshot: REPEATABLE READ on PostgreSQL; none on SQLite, whose
// transactions are serialised anyway. Pass them to gorm's Transaction.
func (d Dialect) SnapshotReadTx() []*sql.TxOptions {
	if d == Postgres {
		return []*sql.TxOptions{{Isolation: sql.LevelRepeatableRead, ReadOnly: true}}
	}
	return nil
}

// MigrationLock is the statement that keeps two starting instances from
// applying migrations at once, run first in each migration's transaction
// (a PostgreSQL advisory lock); "" on SQLite, where the transaction itself
// is exclusive.
func (d Dialect) MigrationLock() string {
	if d == Postgres {
		return "SELECT pg_advisory_xact_lock(727274)"
	}
	return ""
}
