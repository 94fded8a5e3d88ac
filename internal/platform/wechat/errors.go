package wechat

import (
	"errors"
	"fmt"
)

// WeChat error codes the callers care about.
const (
	ErrCodeSystemBusy     = -1
	ErrCodeInvalidSecret  = 40001
	ErrCodeInvalidAppID   = 40013
	ErrCodeInvalidCode    = 40029
	ErrCodeInvalidSecret2 = 40125
	ErrCodeCodeUsed       = 40163
	ErrCodeMissingCode    = 41008
	ErrCodeTokenExpired   = 42001
	ErrCodeUnauthorized   = 48001
)

// APIError is an error WeChat answered with (HTTP 200, errcode != 0).
type APIError struct {
	Code    int    `json:"errcode"`
	Message string `json:"errmsg"`
	Path    string `json:"-"`
}

func (e *APIError) Error() string {
	return fmt.Sprintf("wechat %s: errcode %d: %s", e.Path, e.Code, e.Message)
}

// IsCodeError reports whether the authorization code itself was refused
// (invalid, expired, already used or missing): the user should authorize
// again. Anything else is an outage or a misconfiguration on our side.
func (e *APIError) IsCodeError() bool {
	switch e.Code {
	case ErrCodeInvalidCode, ErrCodeCodeUsed, ErrCodeMissingCode:
		return true
	}
	return false
}

// IsCodeError reports whether err is WeChat refusing the authorization code.
func IsCodeError(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.IsCodeError()
}
