package providers

import (
	"context"

	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/payment/providers/wechatpay"
)

// Transfers applies verified notifications about payout transfers
// (withdrawal.Service).
type Transfers interface {
	TransferNotified(ctx context.Context, provider, outBizNo string, r withdrawal.Result) error
}

// SetTransfers hands verified transfer notifications to h (wiring, once
// withdrawals exist; until then they are only logged).
func (g *Gateway) SetTransfers(h Transfers) { g.transfers = h }

// wechatTransfer applies a verified WeChat Pay transfer-bill notification
// (MCHTRANSFER.BILL.FINISHED): the payout it settles is found by
// out_bill_no. An error makes WeChat deliver it again.
func (g *Gateway) wechatTransfer(ctx context.Context, t *wechatpay.Transfer) error {
	g.log.Info("wechat pay transfer notification", "out_bill_no", t.OutBillNo, "state", t.State)
	h := g.transfers
	if h == nil {
		return nil
	}
	if err := h.TransferNotified(ctx, wechatpay.ProviderName, t.OutBillNo, wechatTransferResult(t)); err != nil {
		g.log.Error("transfer notification not recorded; WeChat Pay will retry", "out_bill_no", t.OutBillNo, "err", err)
		return err
	}
	return nil
}
