package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/page"
)

// bindJSON decodes the request body into dst, refusing unknown fields,
// trailing data and wrong types with a clear invalid error. It returns false
// after writing the error response.
func bindJSON(c *gin.Context, dst any) bool {
	if err := decodeJSON(c.Request, dst); err != nil {
		Fail(c, err)
		return false
	}
	if err := binding().Struct(dst); err != nil {
		Fail(c, validationError(err))
		return false
	}
	return true
}

func decodeJSON(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return apperr.Invalid("send the body as JSON with Content-Type: application/json").WithReason("unsupported_media_type")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return apperr.Invalid("the body must hold exactly one JSON value")
	}
	return checkNoNUL(dst)
}

func jsonError(err error) error {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return &apperr.Error{Code: apperr.CodeTooLarge, Message: "the request body is too large"}
	case errors.Is(err, io.EOF):
		return apperr.Invalid("the request body is empty; send a JSON object")
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Invalid("the request body is not valid JSON").WithReason("malformed_json")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return apperr.InvalidField(field, "must be of type "+typeErr.Type.String())
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.InvalidField(name, "is not a known field")
	default:
		return apperr.Invalid("the request body could not be read as JSON")
	}
}

// validate checks request structs, naming JSON fields (not Go fields) in
// its errors.
var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" || name == "" {
			return f.Name
		}
		return name
	})
	return v
}

func binding() *validator.Validate { return validate }

func validationError(err error) error {
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return apperr.Invalid("the request is not valid")
	}
	fields := map[string]string{}
	for _, fe := range verrs {
		fields[fieldPath(fe)] = describeRule(fe)
	}
	e := apperr.Invalid("some fields are not valid")
	e.Fields = fields
	return e
}

func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if i := strings.Index(ns, "."); i >= 0 {
		return ns[i+1:]
	}
	return fe.Field()
}

func describeRule(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "min", "gte":
		if fe.Kind().String() == "string" {
			return "must be at least " + fe.Param() + " characters"
		}
		return "must be at least " + fe.Param()
	case "max", "lte":
		if fe.Kind().String() == "string" {
			return "must be at most " + fe.Param() + " characters"
		}
		return "must be at most " + fe.Param()
	case "gt":
		return "must be greater than " + fe.Param()
	case "oneof":
		return "must be one of: " + fe.Param()
	case "len":
		return "must have length " + fe.Param()
	case "dive":
		return "has an invalid element"
	default:
		return "is not valid (" + fe.Tag() + ")"
	}
}

// pathID parses a positive integer path parameter.
func pathID(c *gin.Context, name string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		Fail(c, apperr.NotFound("no such %s", strings.TrimSuffix(name, "_id")))
		return 0, false
	}
	return id, true
}

// bindQuery decodes query parameters into dst (form tags).
// Values must be UTF-8: raw %ff bytes would reach the database, which
// PostgreSQL refuses with an error (a 500) instead of a clear 400.
func bindQuery(c *gin.Context, dst any) bool {
	for k, vs := range c.Request.URL.Query() {
		for _, v := range vs {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				Fail(c, apperr.Invalid("query parameters must be UTF-8 text"))
				return false
			}
		}
	}
	if err := c.ShouldBindQuery(dst); err != nil {
		Fail(c, apperr.Invalid("query parameters are not valid: %s", sanitizeBindError(err)))
		return false
	}
	return true
}

// pageRequest reads page and page_size.
func pageRequest(c *gin.Context) (page.Request, bool) {
	var p page.Request
	if !bindQuery(c, &p) {
		return p, false
	}
	return p.Normalize(), true
}

func sanitizeBindError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "strconv") {
		return "a number was expected"
	}
	if strings.Contains(msg, "parsing time") {
		return "a time was expected in RFC 3339 form"
	}
	return "check the parameter types"
}

// listFiltered answers a paged list: the filter F and the page come from
// the query string (400 on bad values), list does the rest.
func listFiltered[F, T any](c *gin.Context, list func(context.Context, F, page.Request) (T, error)) {
	var f F
	if !bindQuery(c, &f) {
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := list(c.Request.Context(), f, p)
	respond(c, res, err)
}
