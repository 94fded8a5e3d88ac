package alipay

import (
	"context"
	"errors"
	"fmt"
	"time"

	sdk "github.com/smartwalle/alipay/v3"

	"fenxiao/internal/platform/money"
)

// Transfer product and scene for paying a person's Alipay balance without a
// password (alipay.fund.trans.uni.transfer).
const (
	transferProduct = "TRANS_ACCOUNT_NO_PWD"
	transferScene   = "DIRECT_TRANSFER"
)

// Alipay's floor for TRANS_ACCOUNT_NO_PWD is 0.10 yuan.
const minTransfer money.Fen = 10

// Transfer statuses.
const (
	TransferSuccess = "SUCCESS"
	TransferDealing = "DEALING"
	TransferFail    = "FAIL"
	TransferRefund  = "REFUND" // bank transfers only: bounced after SUCCESS
)

// TransferRequest pays a person's Alipay account. OutBizNo is the
// idempotency key: never change it when retrying. With a logon id (phone or
// email) Alipay requires the account's real name and checks it.
type TransferRequest struct {
	OutBizNo string
	Amount   money.Fen
	// Exactly one of LogonID (ALIPAY_LOGON_ID) and UserID (ALIPAY_USER_ID, 2088...).
	LogonID  string
	UserID   string
	RealName string
	Title    string // shown in the payee's bill
	Remark   string
}

// Transfer is a normalized transfer.
type Transfer struct {
	OutBizNo       string
	OrderID        string // Alipay's transfer order
	PayFundOrderID string
	Status         string // one of the Transfer* constants
	Amount         money.Fen
	FailReason     string
	PaidAt         time.Time
}

// FundTransfer sends money. A SUCCESS answer means the money arrived;
// DEALING means query again later.
// Errors: ErrPayeeNotExist, ErrPayeeNameMismatch, ErrInsufficientBalance,
// ErrInvalidRequest.
func (c *Client) FundTransfer(ctx context.Context, req TransferRequest) (*Transfer, error) {
	payee, err := req.payee()
	if err != nil {
		return nil, err
	}
	rsp, err := c.sdk.FundTransUniTransfer(ctx, sdk.FundTransUniTransfer{OutBizNo: req.OutBizNo, TransAmount: FenToYuan(req.Amount),
		ProductCode: transferProduct, BizScene: transferScene, OrderTitle: req.Title, Remark: req.Remark, PayeeInfo: payee})
	if err != nil {
		return nil, wrapErr("transfer", err)
	}
	if err := check("transfer", rsp.Error); err != nil {
		return nil, err
	}
	return &Transfer{OutBizNo: rsp.OutBizNo, OrderID: rsp.OrderId, PayFundOrderID: rsp.PayFundOrderId, Status: rsp.Status,
		Amount: req.Amount, PaidAt: parseTime(rsp.TransDate)}, nil
}

func (req TransferRequest) payee() (*sdk.PayeeInfo, error) {
	switch {
	case req.OutBizNo == "" || len(req.OutBizNo) > 64:
		return nil, errors.New("alipay: out_biz_no must be 1 to 64 characters")
	case req.Amount < minTransfer:
		return nil, errors.New("alipay: transfers start at 0.10 yuan")
	case (req.LogonID == "") == (req.UserID == ""):
		return nil, errors.New("alipay: give exactly one of the payee's logon id and user id")
	case req.LogonID != "" && req.RealName == "":
		return nil, errors.New("alipay: a logon-id payee needs the account's real name")
	case req.Title == "":
		return nil, errors.New("alipay: transfer title is required")
	}
	if req.LogonID != "" {
		return &sdk.PayeeInfo{Identity: req.LogonID, IdentityType: "ALIPAY_LOGON_ID", Name: req.RealName}, nil
	}
	return &sdk.PayeeInfo{Identity: req.UserID, IdentityType: "ALIPAY_USER_ID", Name: req.RealName}, nil
}

// QueryTransfer looks a transfer up by out_biz_no. Errors: ErrTransferNotExist.
func (c *Client) QueryTransfer(ctx context.Context, outBizNo string) (*Transfer, error) {
	rsp, err := c.sdk.FundTransCommonQuery(ctx, sdk.FundTransCommonQuery{ProductCode: transferProduct, BizScene: transferScene,
		OutBizNo: outBizNo})
	if err != nil {
		return nil, wrapErr("transfer query", err)
	}
	if err := check("transfer query", rsp.Error); err != nil {
		return nil, err
	}
	t := &Transfer{OutBizNo: rsp.OutBizNo, OrderID: rsp.OrderId, PayFundOrderID: rsp.PayFundOrderId, Status: rsp.Status,
		FailReason: rsp.FailReason, PaidAt: parseTime(rsp.PayDate)}
	if t.Amount, err = YuanToFen(rsp.TransAmount); err != nil {
		return nil, fmt.Errorf("alipay transfer query: trans_amount: %w", err)
	}
	return t, nil
}
