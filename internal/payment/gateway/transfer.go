package gateway

import (
	"context"

	"fenxiao/internal/payment/wechatpay"
)

// wechatTransfer applies a verified WeChat Pay transfer-bill notification
// (MCHTRANSFER.BILL.FINISHED).
func (g *Gateway) wechatTransfer(ctx context.Context, t *wechatpay.Transfer) error {
	g.log.Info("wechat pay transfer notification", "out_bill_no", t.OutBillNo, "state", t.State)
	return nil
}
