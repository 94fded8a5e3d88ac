// Package migrations embeds Fenxiao's versioned SQL migrations, one folder
// per dialect. Files are named NNNN_name.sql and applied in order, once.
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
