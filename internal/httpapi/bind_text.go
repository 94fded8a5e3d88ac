package httpapi

import (
	"reflect"
	"strconv"
	"strings"

	"fenxiao/internal/platform/apperr"
)

// nulField reports the JSON path of the first string (or map key) in v that
// holds a NUL character. JSON may carry "\u0000", which SQLite
// stores but PostgreSQL refuses in text columns; refusing it at the door
// keeps both dialects alike and turns a 500 into a clear 400.
func nulField(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nulField(v.Elem(), path)
		}
	case reflect.String:
		if strings.IndexByte(v.String(), 0) >= 0 {
			return path, true
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			if p, bad := nulField(v.Field(i), joinPath(path, jsonName(f))); bad {
				return p, true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if p, bad := nulField(v.Index(i), path+"["+strconv.Itoa(i)+"]"); bad {
				return p, true
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := iter.Key()
			if key.Kind() == reflect.String && strings.IndexByte(key.String(), 0) >= 0 {
				return path, true
			}
			if p, bad := nulField(iter.Value(), joinPath(path, key.String())); bad {
				return p, true
			}
		}
	}
	return "", false
}

// checkNoNUL is the invalid error for a body holding a NUL character.
func checkNoNUL(dst any) error {
	field, bad := nulField(reflect.ValueOf(dst), "")
	if !bad {
		return nil
	}
	if field == "" {
		field = "body"
	}
	return apperr.InvalidField(field, "must not contain NUL characters")
}

func jsonName(f reflect.StructField) string {
	name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
	if name == "" || name == "-" {
		return f.Name
	}
	return name
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
