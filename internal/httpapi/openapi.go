package httpapi

import (
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/money"
)

// openAPI serves the document built from the routes' declarations.
func (s *Server) openAPI(c *gin.Context) { respond(c, s.OpenAPIDocument(), nil) }

var errorSchema = map[string]any{"type": "object", "properties": map[string]any{"error": map[string]any{
	"type": "object", "required": []string{"code", "message"},
	"properties": map[string]any{
		"code":        map[string]any{"type": "string", "enum": apperr.Codes()},
		"reason":      map[string]any{"type": "string"},
		"message":     map[string]any{"type": "string"},
		"fields":      map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}},
		"retry_after": map[string]any{"type": "integer"},
	}}}}

// OpenAPIDocument is the document served at /api/openapi.json, built from
// the routes' declarations; the CLI prints it (`fenxiao openapi`) for the
// web apps to generate their types from.
func (s *Server) OpenAPIDocument() map[string]any {
	paths := map[string]map[string]any{}
	for _, o := range s.ops {
		p := openAPIPath(o.Path)
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		paths[p][strings.ToLower(o.Method)] = operation(o)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "Fenxiao API", "version": "1",
			"description": "Shop API (/api/shop) and merchant admin API (/api/admin). Money is integer fen; rates are basis points. State-changing requests need the X-CSRF-Token header from login. Errors use one envelope."},
		"paths": paths,
		"components": map[string]any{
			"schemas": map[string]any{"Error": errorSchema},
			"securitySchemes": map[string]any{
				"shopSession":  map[string]any{"type": "apiKey", "in": "cookie", "name": ShopCookie},
				"adminSession": map[string]any{"type": "apiKey", "in": "cookie", "name": AdminCookie},
				"csrf":         map[string]any{"type": "apiKey", "in": "header", "name": CSRFHeader},
			},
		},
	}
}

func operation(o op) map[string]any {
	out := map[string]any{
		"summary": o.Summary, "tags": []string{o.Tag}, "x-auth": o.Auth,
		"responses": map[string]any{
			"default": map[string]any{"description": "error", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}},
		},
	}
	ok := map[string]any{"description": "success"}
	if o.Response != nil {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(o.Response), 0)}}
	}
	out["responses"].(map[string]any)["200"] = ok
	var params []map[string]any
	for _, seg := range strings.Split(o.Path, "/") {
		if strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*") {
			params = append(params, map[string]any{"name": seg[1:], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
	}
	for _, q := range o.Query {
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": "string"}})
	}
	if params != nil {
		out["parameters"] = params
	}
	switch {
	case o.Upload:
		out["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{
			"schema": map[string]any{"type": "object", "properties": map[string]any{"file": map[string]any{"type": "string", "format": "binary"}}}}}}
	case o.Request != nil:
		out["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(o.Request), 0)}}}
	}
	switch o.Auth {
	case authShopper:
		out["security"] = []map[string]any{{"shopSession": []string{}, "csrf": []string{}}}
	case authAdmin, authSuper:
		out["security"] = []map[string]any{{"adminSession": []string{}, "csrf": []string{}}}
	}
	return out
}

func openAPIPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "*") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

var (
	timeType = reflect.TypeOf(time.Time{})
	fenType  = reflect.TypeOf(money.Fen(0))
)

// schemaOf derives a JSON schema from a Go type the way encoding/json
// would marshal it.
func schemaOf(t reflect.Type, depth int) map[string]any {
	if depth > 8 {
		return map[string]any{}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == fenType:
		return map[string]any{"type": "integer", "format": "int64", "description": "amount in fen"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), depth+1)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), depth+1)}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		addStructFields(t, props, &required, depth)
		s := map[string]any{"type": "object", "properties": props}
		if len(required) > 0 {
			sort.Strings(required)
			s["required"] = required
		}
		return s
	case reflect.Interface:
		return map[string]any{}
	}
	return map[string]any{}
}

func addStructFields(t reflect.Type, props map[string]any, required *[]string, depth int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addStructFields(ft, props, required, depth)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, depth+1)
		if strings.Contains(f.Tag.Get("validate"), "required") && !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}
