package wechatpay

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
)

// Sentinel errors. Business failures come back as *Error values that match
// one of these with errors.Is, so callers never parse WeChat's codes.
var (
	ErrTradeNotExist       = errors.New("wechatpay: trade does not exist")
	ErrTradePaid           = errors.New("wechatpay: trade is already paid")
	ErrTradeClosed         = errors.New("wechatpay: trade is closed")
	ErrRefundNotExist      = errors.New("wechatpay: refund does not exist")
	ErrTransferNotExist    = errors.New("wechatpay: transfer does not exist")
	ErrNoStatement         = errors.New("wechatpay: no statement for that day")
	ErrInsufficientBalance = errors.New("wechatpay: merchant balance is insufficient")
	ErrInvalidRequest      = errors.New("wechatpay: request refused as invalid")
	ErrRateLimited         = errors.New("wechatpay: rate limited")
	ErrUnavailable         = errors.New("wechatpay: service unavailable")
	// ErrSignature: a response or notification signature did not verify
	// against the configured WeChat Pay key or certificates.
	ErrSignature = errors.New("wechatpay: signature does not verify")
)

// Error is a failure reported by WeChat Pay (an HTTP 4xx/5xx with a code).
// Unlike the SDK's APIError it carries no headers or raw body, so it is safe
// to log and to wrap into user-facing errors.
type Error struct {
	Op         string // what we were doing: "prepay", "refund", ...
	StatusCode int
	Code       string // WeChat's code, e.g. ORDER_NOT_EXIST
	Message    string
	kind       error
}

func (e *Error) Error() string {
	return fmt.Sprintf("wechatpay %s: HTTP %d %s: %s", e.Op, e.StatusCode, e.Code, e.Message)
}

// Is matches the sentinel for e's code.
func (e *Error) Is(target error) bool { return e.kind != nil && target == e.kind }

// wrapErr turns an SDK error into *Error or a wrapped transport/signature
// error. notFound is the sentinel a 404 means for this operation (a refund
// query's 404 is a missing refund, a prepay's is a missing trade).
func wrapErr(op string, err error, notFound error) error {
	if err == nil {
		return nil
	}
	var api *core.APIError
	if !errors.As(err, &api) {
		return fmt.Errorf("wechatpay %s: %w", op, err)
	}
	return &Error{Op: op, StatusCode: api.StatusCode, Code: api.Code, Message: api.Message,
		kind: kindOf(api.StatusCode, api.Code, notFound)}
}

func kindOf(status int, code string, notFound error) error {
	switch code {
	case "ORDER_NOT_EXIST":
		return ErrTradeNotExist
	case "RESOURCE_NOT_EXISTS", "NOT_FOUND":
		return notFound
	case "ORDERPAID":
		return ErrTradePaid
	case "ORDER_CLOSED":
		return ErrTradeClosed
	case "NO_STATEMENT_EXIST", "STATEMENT_CREATING":
		return ErrNoStatement
	case "NOT_ENOUGH":
		return ErrInsufficientBalance
	case "FREQUENCY_LIMITED", "RATELIMIT_EXCEEDED":
		return ErrRateLimited
	case "PARAM_ERROR", "INVALID_REQUEST":
		return ErrInvalidRequest
	case "SYSTEM_ERROR", "SYSTEMERROR", "BANK_ERROR":
		return ErrUnavailable
	}
	switch {
	case status == http.StatusNotFound:
		return notFound
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500:
		return ErrUnavailable
	}
	return nil
}
