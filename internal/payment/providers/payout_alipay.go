package providers

import (
	"context"
	"errors"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment/providers/alipay"
	"fenxiao/internal/platform/money"
)

// alipayMinTransfer is Alipay's floor for TRANS_ACCOUNT_NO_PWD.
const alipayMinTransfer money.Fen = 10

// AlipayPayout pays withdrawals to the distributor's Alipay account (logon
// id and real name) with alipay.fund.trans.uni.transfer (withdrawal.Payout).
type AlipayPayout struct {
	Client *alipay.Client
}

// Name implements withdrawal.Payout.
func (AlipayPayout) Name() string { return alipay.ProviderName }

// Send implements withdrawal.Payout. Alipay's business refusals arrive
// with a nil SDK error; the adapter turns them into errors, and those that
// say nothing was created (payee unknown, name mismatch, invalid request)
// become OutcomeRejected. The service still asks before it fails anything.
func (p AlipayPayout) Send(ctx context.Context, t withdrawal.Transfer) (withdrawal.Result, error) {
	w := t.Withdrawal
	if t.Target.Kind != withdrawal.KindAlipay {
		return withdrawal.Result{}, errors.New("the payout account of " + withdrawal.PayoutNoOf(w.ID) + " is not an Alipay account")
	}
	if w.Net < alipayMinTransfer {
		return rejected("支付宝单笔转账最低 0.10 元"), nil
	}
	tr, err := p.Client.FundTransfer(ctx, alipay.TransferRequest{OutBizNo: withdrawal.PayoutNoOf(w.ID), Amount: w.Net, LogonID: t.Target.Account,
		RealName: t.Target.RealName, Title: t.Settings.Remark, Remark: t.Settings.Remark})
	var ae *alipay.Error
	switch {
	case errors.Is(err, alipay.ErrPayeeNotExist):
		return rejected("支付宝账户不存在"), nil
	case errors.Is(err, alipay.ErrPayeeNameMismatch):
		return rejected("支付宝账户与实名不一致"), nil
	case errors.Is(err, alipay.ErrInvalidRequest) && errors.As(err, &ae):
		return rejected("支付宝拒绝了转账：" + ae.SubMsg), nil
	case err != nil:
		return withdrawal.Result{}, err
	}
	return alipayTransferResult(tr), nil
}

// Query implements withdrawal.Payout.
func (p AlipayPayout) Query(ctx context.Context, w withdrawal.Withdrawal) (withdrawal.Result, error) {
	tr, err := p.Client.QueryTransfer(ctx, withdrawal.PayoutNoOf(w.ID))
	if errors.Is(err, alipay.ErrTransferNotExist) {
		return withdrawal.Result{Outcome: withdrawal.OutcomeNotFound}, nil
	}
	if err != nil {
		return withdrawal.Result{}, err
	}
	return alipayTransferResult(tr), nil
}

func alipayTransferResult(t *alipay.Transfer) withdrawal.Result {
	r := withdrawal.Result{Reference: t.OrderID, Amount: t.Amount}
	switch t.Status {
	case alipay.TransferSuccess:
		r.Outcome = withdrawal.OutcomePaid
	case alipay.TransferFail, alipay.TransferRefund:
		r.Outcome, r.Reason = withdrawal.OutcomeFailed, t.FailReason
	default: // DEALING, WAIT_PAY, ...
		r.Outcome = withdrawal.OutcomePending
	}
	return r
}
