package app

import (
	"context"
	"encoding/json"

	"fenxiao/internal/httpapi"
)

func init() {
	register("openapi", command{summary: "print the API's OpenAPI document (the web apps generate their types from it)", run: runOpenAPI})
}

// runOpenAPI needs no database: the document is built from the routes'
// declarations, so the front ends can regenerate their types offline.
func runOpenAPI(_ context.Context, env cliEnv, _ []string) error {
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(httpapi.OpenAPIDocument())
}
