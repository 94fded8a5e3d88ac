package app

import (
	"context"
	"encoding/json"
	"log/slog"

	"fenxiao/internal/httpapi"
)

// runOpenAPI needs no database: the document is built from the routes'
// declarations (a server with no services behind it), so the front ends
// can regenerate their types offline.
func runOpenAPI(_ context.Context, env cliEnv, _ []string) error {
	doc := httpapi.New(httpapi.Deps{Config: env.cfg, Log: slog.New(slog.DiscardHandler)}).OpenAPIDocument()
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
