package alipay

import (
	"crypto/rsa"
	"errors"
	"fmt"

	sdk "github.com/smartwalle/alipay/v3"
)

// Sentinel errors; *Error values match them with errors.Is.
var (
	ErrTradeNotExist       = errors.New("alipay: trade does not exist")
	ErrTradeStatus         = errors.New("alipay: trade is in the wrong state for this")
	ErrTradeClosed         = errors.New("alipay: trade is closed")
	ErrRefundNotExist      = errors.New("alipay: refund does not exist")
	ErrRefundConflict      = errors.New("alipay: out_request_no reused with other parameters")
	ErrRefundExceeds       = errors.New("alipay: refund exceeds the refundable amount")
	ErrInsufficientBalance = errors.New("alipay: merchant balance is insufficient")
	ErrPayeeNotExist       = errors.New("alipay: payee account does not exist")
	ErrPayeeNameMismatch   = errors.New("alipay: payee name does not match the account")
	ErrTransferNotExist    = errors.New("alipay: transfer does not exist")
	ErrBillNotExist        = errors.New("alipay: no bill for that day")
	ErrInvalidRequest      = errors.New("alipay: request refused as invalid")
	ErrUnavailable         = errors.New("alipay: service unavailable")
	// ErrSignature: a response's signature did not verify with Alipay's key.
	ErrSignature = errors.New("alipay: response signature does not verify")
)

// Error is a failure Alipay reported in a (signed) response.
type Error struct {
	Op      string
	Code    string // "40004"
	Msg     string
	SubCode string // "ACQ.TRADE_NOT_EXIST"
	SubMsg  string
	kind    error
}

func (e *Error) Error() string {
	return fmt.Sprintf("alipay %s: %s %s: %s", e.Op, e.Code, e.SubCode, e.SubMsg)
}

// Is matches the sentinel for e's sub_code.
func (e *Error) Is(target error) bool { return e.kind != nil && target == e.kind }

var subCodes = map[string]error{
	"ACQ.TRADE_NOT_EXIST":            ErrTradeNotExist,
	"ACQ.TRADE_STATUS_ERROR":         ErrTradeStatus,
	"ACQ.TRADE_HAS_CLOSE":            ErrTradeClosed,
	"ACQ.TRADE_HAS_FINISHED":         ErrTradeStatus,
	"ACQ.DISCORDANT_REPEAT_REQUEST":  ErrRefundConflict,
	"ACQ.REFUND_AMT_NOT_EQUAL_TOTAL": ErrRefundExceeds,
	"ACQ.SELLER_BALANCE_NOT_ENOUGH":  ErrInsufficientBalance,
	"BALANCE_IS_NOT_ENOUGH":          ErrInsufficientBalance,
	"PAYER_BALANCE_NOT_ENOUGH":       ErrInsufficientBalance,
	"PAYEE_NOT_EXIST":                ErrPayeeNotExist,
	"PAYEE_USER_INFO_ERROR":          ErrPayeeNameMismatch,
	"ORDER_NOT_EXIST":                ErrTransferNotExist,
	"isp.bill_not_exist":             ErrBillNotExist,
	"ACQ.INVALID_PARAMETER":          ErrInvalidRequest,
	"INVALID_PARAMETER":              ErrInvalidRequest,
	"EXCEED_LIMIT_SM_MIN_AMOUNT":     ErrInvalidRequest,
	"ACQ.SYSTEM_ERROR":               ErrUnavailable,
	"SYSTEM_ERROR":                   ErrUnavailable,
}

// check turns a response's code into an error; success codes give nil.
func check(op string, e sdk.Error) error {
	if e.IsSuccess() {
		return nil
	}
	kind := subCodes[e.SubCode]
	switch {
	case kind != nil:
	case e.Code == sdk.CodeUnknowError:
		kind = ErrUnavailable
	case e.Code == sdk.CodeMissingParam || e.Code == sdk.CodeInvalidParam:
		kind = ErrInvalidRequest
	}
	return &Error{Op: op, Code: string(e.Code), Msg: e.Msg, SubCode: e.SubCode, SubMsg: e.SubMsg, kind: kind}
}

// wrapErr wraps an SDK call error: an unsigned error response is an
// sdk.Error; a bad signature is rsa.ErrVerification; the rest is transport.
func wrapErr(op string, err error) error {
	var se *sdk.Error
	if errors.As(err, &se) && se != nil {
		if se.IsSuccess() {
			// The SDK hands back an unsigned response as an "error" even when
			// it claims success; only a signed success is one.
			return fmt.Errorf("alipay %s: unsigned response: %w", op, ErrSignature)
		}
		return check(op, *se)
	}
	if errors.Is(err, rsa.ErrVerification) {
		return fmt.Errorf("alipay %s: %w", op, ErrSignature)
	}
	return fmt.Errorf("alipay %s: %w", op, err)
}
