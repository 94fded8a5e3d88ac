// Package migrations embeds Fenxiao's versioned SQL migrations, one folder
// per dialect. Files are named NNNN_name.sql and applied in order, once.
//
// schema/ is not embedded: it holds the whole schema per dialect as one
// generated file, for reading (`make schema` rewrites it; the tests check
// it is current and that both dialects' schemas match).
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
