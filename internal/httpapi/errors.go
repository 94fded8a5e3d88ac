package httpapi

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/platform/apperr"
)

var statusByCode = map[apperr.Code]int{
	apperr.CodeInvalid:          http.StatusBadRequest,
	apperr.CodeUnauthenticated:  http.StatusUnauthorized,
	apperr.CodeForbidden:        http.StatusForbidden,
	apperr.CodeNotFound:         http.StatusNotFound,
	apperr.CodeConflict:         http.StatusConflict,
	apperr.CodeTooLarge:         http.StatusRequestEntityTooLarge,
	apperr.CodeRateLimited:      http.StatusTooManyRequests,
	apperr.CodeUnavailable:      http.StatusServiceUnavailable,
	apperr.CodeInternal:         http.StatusInternalServerError,
	apperr.CodeMethodNotAllowed: http.StatusMethodNotAllowed,
}

// StatusOf is the HTTP status the API answers a code with; an unknown
// code is a bug and answers 500.
func StatusOf(code apperr.Code) int {
	if status, ok := statusByCode[code]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// errorBody is the one error envelope every API response uses.
type errorBody struct {
	Error *apperr.Error `json:"error"`
}

// Fail writes err as the error envelope with its real HTTP status. Errors
// that are not *apperr.Error are internal: they are logged through the
// server's logger with the request id, and the client sees a generic
// message, never SQL or stack text.
func Fail(c *gin.Context, err error) {
	e, ok := apperr.As(err)
	if !ok {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			e = &apperr.Error{Code: apperr.CodeTooLarge, Message: "the request body is too large"}
		} else {
			logger(c).ErrorContext(c.Request.Context(), "internal error", "request_id", requestID(c),
				"method", c.Request.Method, "route", c.FullPath(), "err", err)
			e = &apperr.Error{Code: apperr.CodeInternal, Message: "something went wrong on our side; please try again (request " + requestID(c) + ")"}
		}
	}
	status := StatusOf(e.Code)
	if e.RetryAfterSeconds > 0 {
		c.Header("Retry-After", strconv.Itoa(e.RetryAfterSeconds))
	}
	c.AbortWithStatusJSON(status, errorBody{Error: e})
}
