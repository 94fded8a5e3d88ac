// Package apperr is Fenxiao's one error vocabulary. Domain code returns
// *Error values (or wraps them); the HTTP layer maps Code to a status in one
// place, so every surface speaks the same machine-readable codes.
package apperr

import (
	"errors"
	"fmt"
)

// Code is a machine-readable error class. Clients switch on it.
type Code string

const (
	CodeInvalid         Code = "invalid"
	CodeUnauthenticated Code = "unauthenticated"
	CodeForbidden       Code = "forbidden"
	CodeNotFound        Code = "not_found"
	CodeConflict        Code = "conflict"
	CodeTooLarge        Code = "too_large"
	CodeRateLimited     Code = "rate_limited"
	CodeUnavailable     Code = "unavailable"
	// CodeMethodNotAllowed: the path exists, the method does not (the
	// answer names the allowed ones).
	CodeMethodNotAllowed Code = "method_not_allowed"
	CodeInternal         Code = "internal"
)

// Codes lists every code, in the order the API documents them. A code
// outside this list is a bug: the HTTP mapping would not know it.
func Codes() []Code {
	return []Code{CodeInvalid, CodeUnauthenticated, CodeForbidden, CodeNotFound, CodeConflict, CodeTooLarge,
		CodeRateLimited, CodeUnavailable, CodeInternal, CodeMethodNotAllowed}
}

// Error is an error a client may see. Reason is an optional finer code
// within Code (for example "out_of_stock" under conflict) so a UI can react
// precisely without parsing Message.
type Error struct {
	Code    Code              `json:"code"`
	Reason  string            `json:"reason,omitempty"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// RetryAfterSeconds is set on rate_limited errors.
	RetryAfterSeconds int `json:"retry_after,omitempty"`
}

func (e *Error) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("%s (%s): %s", e.Code, e.Reason, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// WithReason returns a copy of e carrying a finer reason code.
func (e *Error) WithReason(reason string) *Error {
	c := *e
	c.Reason = reason
	return &c
}

// WithField returns a copy of e with one more field message.
func (e *Error) WithField(field, msg string) *Error {
	c := *e
	c.Fields = make(map[string]string, len(e.Fields)+1)
	for k, v := range e.Fields {
		c.Fields[k] = v
	}
	c.Fields[field] = msg
	return &c
}

func newf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func Invalid(format string, args ...any) *Error  { return newf(CodeInvalid, format, args...) }
func NotFound(format string, args ...any) *Error { return newf(CodeNotFound, format, args...) }
func Conflict(format string, args ...any) *Error { return newf(CodeConflict, format, args...) }
func Forbidden(format string, args ...any) *Error {
	return newf(CodeForbidden, format, args...)
}
func Unauthenticated(format string, args ...any) *Error {
	return newf(CodeUnauthenticated, format, args...)
}
func Unavailable(format string, args ...any) *Error {
	return newf(CodeUnavailable, format, args...)
}
func MethodNotAllowed(format string, args ...any) *Error {
	return newf(CodeMethodNotAllowed, format, args...)
}

// RateLimited says the caller must wait retryAfter seconds.
func RateLimited(retryAfter int, format string, args ...any) *Error {
	e := newf(CodeRateLimited, format, args...)
	e.RetryAfterSeconds = retryAfter
	return e
}

// InvalidField is an invalid error about one named input field.
func InvalidField(field, msg string) *Error {
	return &Error{Code: CodeInvalid, Message: msg, Fields: map[string]string{field: msg}}
}

// As finds an *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// Is reports whether err carries an *Error with the given code.
func Is(err error, code Code) bool {
	e, ok := As(err)
	return ok && e.Code == code
}
