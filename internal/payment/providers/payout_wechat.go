package providers

import (
	"context"
	"errors"
	"fmt"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment/providers/wechatpay"
	"fenxiao/internal/platform/money"
)

// OpenIDs finds a shopper's openid under an app (member.Service).
type OpenIDs interface {
	OpenID(ctx context.Context, shopperID int64, appID string) (string, error)
}

// wechatNameFrom is where WeChat starts requiring the payee's real name,
// which WeChat payout accounts do not hold.
const wechatNameFrom money.Fen = 200000

// WeChatPayout pays withdrawals to the distributor's WeChat balance with
// merchant transfers (withdrawal.Payout, Canceller and UserConfirmer). The
// payee confirms each transfer in WeChat; the scene comes from the payout
// settings.
type WeChatPayout struct {
	Client    *wechatpay.Client
	AppID     string // the app the client pays under: openids are per app
	OpenIDs   OpenIDs
	NotifyURL string // where MCHTRANSFER notifications arrive
}

// Name implements withdrawal.Payout.
func (WeChatPayout) Name() string { return wechatpay.ProviderName }

// Send implements withdrawal.Payout.
func (p WeChatPayout) Send(ctx context.Context, t withdrawal.Transfer) (withdrawal.Result, error) {
	w, st := t.Withdrawal, t.Settings
	if st.WeChatSceneID == "" {
		return withdrawal.Result{}, errors.New("no WeChat transfer scene in the payout settings")
	}
	if w.Net >= wechatNameFrom {
		return rejected("微信零钱单笔转账需低于 2000 元，请分次提现"), nil
	}
	openID, err := p.OpenIDs.OpenID(ctx, w.ShopperID, p.AppID)
	if err != nil {
		return withdrawal.Result{}, err
	}
	if openID == "" {
		return rejected("未关联微信，无法转入微信零钱"), nil
	}
	reports := make([]wechatpay.SceneReport, len(st.WeChatSceneReports))
	for i, r := range st.WeChatSceneReports {
		reports[i] = wechatpay.SceneReport{Type: r.Type, Content: r.Content}
	}
	tr, err := p.Client.Transfer(ctx, wechatpay.TransferRequest{OutBillNo: withdrawal.PayoutNoOf(w.ID), OpenID: openID, Amount: w.Net,
		Remark: st.Remark, SceneReports: reports, UserRecvPerception: st.WeChatPerception, SceneID: st.WeChatSceneID,
		NotifyURL: p.NotifyURL})
	var we *wechatpay.Error
	if errors.Is(err, wechatpay.ErrInvalidRequest) && errors.As(err, &we) {
		return rejected("微信拒绝了转账：" + we.Message), nil
	}
	if err != nil {
		return withdrawal.Result{}, err
	}
	return WeChatTransferResult(tr), nil
}

// Query implements withdrawal.Payout.
func (p WeChatPayout) Query(ctx context.Context, w withdrawal.Withdrawal) (withdrawal.Result, error) {
	tr, err := p.Client.QueryTransfer(ctx, withdrawal.PayoutNoOf(w.ID))
	if errors.Is(err, wechatpay.ErrTransferNotExist) {
		return withdrawal.Result{Outcome: withdrawal.OutcomeNotFound}, nil
	}
	if err != nil {
		return withdrawal.Result{}, err
	}
	return WeChatTransferResult(tr), nil
}

// Cancel implements withdrawal.Canceller.
func (p WeChatPayout) Cancel(ctx context.Context, w withdrawal.Withdrawal) (withdrawal.Result, error) {
	tr, err := p.Client.CancelTransfer(ctx, withdrawal.PayoutNoOf(w.ID))
	if err != nil {
		return withdrawal.Result{}, err
	}
	return WeChatTransferResult(tr), nil
}

// ConfirmPayload implements withdrawal.UserConfirmer.
func (p WeChatPayout) ConfirmPayload(packageInfo string) withdrawal.ConfirmPayload {
	pl := p.Client.ConfirmPayload(&wechatpay.Transfer{PackageInfo: packageInfo})
	return withdrawal.ConfirmPayload{MchID: fmt.Sprint(pl["mchId"]), AppID: fmt.Sprint(pl["appId"]), PackageInfo: fmt.Sprint(pl["package"])}
}

// WeChatTransferResult maps a transfer bill's state. The amount is only
// known from queries and notifications (0 otherwise: not checked).
func WeChatTransferResult(t *wechatpay.Transfer) withdrawal.Result {
	r := withdrawal.Result{Reference: t.TransferBillNo, Amount: t.Amount}
	switch t.State {
	case wechatpay.TransferSuccess:
		r.Outcome = withdrawal.OutcomePaid
	case wechatpay.TransferFail, wechatpay.TransferCancelled:
		r.Outcome, r.Reason = withdrawal.OutcomeFailed, t.FailReason
	case wechatpay.TransferWaitUserConfirm:
		r.Outcome, r.PackageInfo = withdrawal.OutcomeWaitUser, t.PackageInfo
	case wechatpay.TransferCanceling:
		r.Outcome = withdrawal.OutcomeCanceling
	default: // ACCEPTED, PROCESSING, TRANSFERING, or a state added later
		r.Outcome = withdrawal.OutcomePending
	}
	return r
}

func rejected(reason string) withdrawal.Result {
	return withdrawal.Result{Outcome: withdrawal.OutcomeRejected, Reason: reason}
}
