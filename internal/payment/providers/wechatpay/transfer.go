package wechatpay

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/wechatpay-apiv3/wechatpay-go/core"
	"github.com/wechatpay-apiv3/wechatpay-go/core/consts"

	"fenxiao/internal/payment"
	"fenxiao/internal/platform/money"
)

// Merchant-transfer ("商家转账") states. A transfer waits in
// TransferWaitUserConfirm until the user confirms it on the H5 page with the
// package_info (WeChat expires unconfirmed transfers after 24 hours).
const (
	TransferAccepted        = "ACCEPTED"
	TransferProcessing      = "PROCESSING"
	TransferWaitUserConfirm = "WAIT_USER_CONFIRM"
	TransferTransfering     = "TRANSFERING"
	TransferSuccess         = "SUCCESS"
	TransferFail            = "FAIL"
	TransferCanceling       = "CANCELING"
	TransferCancelled       = "CANCELLED"
)

// WeChat's rules on the payee's real name: required from 2000 yuan, refused
// below 0.3 yuan.
const (
	userNameRequiredFrom money.Fen = 200000
	userNameRefusedBelow money.Fen = 30
)

const transferBillsPath = consts.WechatPayAPIServer + "/v3/fund-app/mch-transfer/transfer-bills"

// TransferRequest pays money to a user's WeChat balance. OutBillNo is the
// idempotency key: never change it when retrying, or the user may be paid twice.
type TransferRequest struct {
	OutBillNo string
	OpenID    string
	UserName  string // real name; sent encrypted (EM_APIV3)
	Amount    money.Fen
	Remark    string // shown to the user, at most 32 characters
	// SceneReports are the transfer_scene_report_infos the scene requires,
	// e.g. {"岗位类型", "推广员"}, {"报酬说明", "6月佣金"} for scene 1005.
	SceneReports []SceneReport
	// UserRecvPerception is how the user sees it ("劳务报酬", ...); optional.
	UserRecvPerception string
	// SceneID and NotifyURL, when set, replace Config.TransferSceneID and
	// Config.TransferNotifyURL (the scene is a merchant setting).
	SceneID   string
	NotifyURL string
}

// SceneReport is one transfer_scene_report_infos entry.
type SceneReport struct {
	Type    string `json:"info_type"`
	Content string `json:"info_content"`
}

// Transfer is a normalized transfer bill.
type Transfer struct {
	OutBillNo      string
	TransferBillNo string
	State          string // one of the Transfer* constants
	// PackageInfo is what the H5 page passes to WeChat's
	// requestMerchantTransfer while State is WAIT_USER_CONFIRM.
	PackageInfo string
	Amount      money.Fen
	OpenID      string
	FailReason  string
	CreateTime  time.Time
	UpdateTime  time.Time
}

// Final reports whether the transfer can no longer change.
func (t *Transfer) Final() bool {
	return t.State == TransferSuccess || t.State == TransferFail || t.State == TransferCancelled
}

// transferBill is the wire form for create/query/cancel responses and the
// MCHTRANSFER notification resource.
type transferBill struct {
	MchID          string `json:"mch_id"`
	OutBillNo      string `json:"out_bill_no"`
	TransferBillNo string `json:"transfer_bill_no"`
	State          string `json:"state"`
	PackageInfo    string `json:"package_info"`
	TransferAmount int64  `json:"transfer_amount"`
	OpenID         string `json:"openid"`
	FailReason     string `json:"fail_reason"`
	CreateTime     string `json:"create_time"`
	UpdateTime     string `json:"update_time"`
}

func (b transferBill) transfer() *Transfer {
	return &Transfer{OutBillNo: b.OutBillNo, TransferBillNo: b.TransferBillNo, State: b.State, PackageInfo: b.PackageInfo,
		Amount: money.Fen(b.TransferAmount), OpenID: b.OpenID, FailReason: b.FailReason,
		CreateTime: parseTime(b.CreateTime), UpdateTime: parseTime(b.UpdateTime)}
}

type transferBillRequest struct {
	AppID              string        `json:"appid"`
	OutBillNo          string        `json:"out_bill_no"`
	TransferSceneID    string        `json:"transfer_scene_id"`
	OpenID             string        `json:"openid"`
	UserName           *string       `json:"user_name,omitempty" encryption:"EM_APIV3"`
	TransferAmount     int64         `json:"transfer_amount"`
	TransferRemark     string        `json:"transfer_remark"`
	NotifyURL          string        `json:"notify_url,omitempty"`
	UserRecvPerception string        `json:"user_recv_perception,omitempty"`
	SceneReports       []SceneReport `json:"transfer_scene_report_infos"`
}

// Transfer creates a transfer bill (v0.2.21 has no service for this API, so
// it goes through the core client). The result is usually
// WAIT_USER_CONFIRM with PackageInfo.
// Errors: ErrInvalidRequest, ErrInsufficientBalance, ErrRateLimited.
func (c *Client) Transfer(ctx context.Context, req TransferRequest) (*Transfer, error) {
	if err := c.checkTransfer(req); err != nil {
		return nil, err
	}
	body := transferBillRequest{AppID: c.cfg.AppID, OutBillNo: req.OutBillNo, TransferSceneID: cmp.Or(req.SceneID, c.cfg.TransferSceneID),
		OpenID: req.OpenID, TransferAmount: int64(req.Amount), TransferRemark: req.Remark,
		NotifyURL: cmp.Or(req.NotifyURL, c.cfg.TransferNotifyURL), UserRecvPerception: req.UserRecvPerception, SceneReports: req.SceneReports}
	header := http.Header{}
	if req.UserName != "" {
		name := req.UserName
		body.UserName = &name
		serial, err := c.core.EncryptRequest(ctx, &body)
		if err != nil {
			return nil, errors.New("wechatpay: encrypt user_name failed")
		}
		if serial == "" || body.UserName == nil || *body.UserName == req.UserName {
			return nil, errors.New("wechatpay: refusing to send user_name unencrypted")
		}
		// WeChat decrypts with the key this serial names.
		header.Set("Wechatpay-Serial", serial)
	}
	res, err := c.core.Request(ctx, http.MethodPost, transferBillsPath, header, nil, body, consts.ApplicationJSON)
	if err != nil {
		return nil, wrapErr("transfer", err, ErrTransferNotExist)
	}
	return decodeTransfer(res)
}

func (c *Client) checkTransfer(req TransferRequest) error {
	switch {
	case c.cfg.TransferSceneID == "" && req.SceneID == "":
		return errors.New("wechatpay: Config.TransferSceneID is not set")
	case len(req.OutBillNo) < 5 || len(req.OutBillNo) > 32:
		return errors.New("wechatpay: out_bill_no must be 5 to 32 characters")
	case req.OpenID == "" || req.Remark == "":
		return errors.New("wechatpay: transfer needs openid and remark")
	case req.Amount <= 0:
		return errors.New("wechatpay: transfer amount must be positive")
	case req.Amount >= userNameRequiredFrom && req.UserName == "":
		return errors.New("wechatpay: transfers of 2000 yuan or more need the user's real name")
	case req.Amount < userNameRefusedBelow && req.UserName != "":
		return errors.New("wechatpay: transfers under 0.30 yuan must not carry a name")
	}
	return nil
}

// QueryTransfer looks a transfer up by out_bill_no. Errors: ErrTransferNotExist.
func (c *Client) QueryTransfer(ctx context.Context, outBillNo string) (*Transfer, error) {
	res, err := c.core.Request(ctx, http.MethodGet, transferBillsPath+"/out-bill-no/"+url.PathEscape(outBillNo),
		nil, nil, nil, consts.ApplicationJSON)
	if err != nil {
		return nil, wrapErr("query transfer", err, ErrTransferNotExist)
	}
	return decodeTransfer(res)
}

// CancelTransfer revokes a transfer the user has not confirmed yet; the
// state becomes CANCELING, then CANCELLED. Errors: ErrTransferNotExist,
// ErrInvalidRequest (too late to cancel).
func (c *Client) CancelTransfer(ctx context.Context, outBillNo string) (*Transfer, error) {
	res, err := c.core.Request(ctx, http.MethodPost, transferBillsPath+"/out-bill-no/"+url.PathEscape(outBillNo)+"/cancel",
		nil, nil, nil, consts.ApplicationJSON)
	if err != nil {
		return nil, wrapErr("cancel transfer", err, ErrTransferNotExist)
	}
	return decodeTransfer(res)
}

// ConfirmPayload is what the H5 page needs to let the user confirm a
// WAIT_USER_CONFIRM transfer (WeixinJSBridge requestMerchantTransfer).
func (c *Client) ConfirmPayload(t *Transfer) payment.Payload {
	return payment.Payload{"mchId": c.cfg.MchID, "appId": c.cfg.AppID, "package": t.PackageInfo}
}

func decodeTransfer(res *core.APIResult) (*Transfer, error) {
	var b transferBill
	if err := core.UnMarshalResponse(res.Response, &b); err != nil {
		return nil, errors.New("wechatpay: transfer response is not JSON")
	}
	return b.transfer(), nil
}
