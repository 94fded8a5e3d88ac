package export

import (
	"context"
	"encoding/json"

	"fenxiao/internal/distribution/commission"
	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/distribution/withdrawal"
	"fenxiao/internal/platform/page"
)

// The three sources reuse each admin list's filter, count and cursor walk
// (referral/commission/withdrawal Service.Count and Walk), so an export
// always holds exactly what the list shows for the same filters.

// Distributors exports the distributor list (phones masked, as listed).
type Distributors struct{ S *referral.Service }

func (Distributors) Title() string { return "分销商 Distributors" }

func (Distributors) Header() []string {
	return []string{"ID", "昵称 Nickname", "手机 Phone", "邀请码 Invite code", "状态 Status",
		"等级ID Level ID", "上级ID Parent ID", "店铺名 Shop title", "加入时间 Joined at"}
}

func (d Distributors) Open(ctx context.Context, raw json.RawMessage) (Walk, error) {
	var f referral.AdminFilter
	if err := decodeFilters(raw, &f); err != nil {
		return nil, err
	}
	return walker[referral.AdminDistributor]{
		count: func(ctx context.Context) (int64, error) { return d.S.Count(ctx, f) },
		walk: func(ctx context.Context, c page.Cursor) ([]referral.AdminDistributor, error) {
			return d.S.Walk(ctx, f, c)
		},
		id: func(v referral.AdminDistributor) int64 { return v.ID },
		row: func(v referral.AdminDistributor) []any {
			return []any{v.ID, v.Nickname, v.Phone, v.InviteCode, label(distributorStatus, string(v.Status)),
				optional(v.LevelID), optional(v.ParentID), v.ShopTitle, Time(&v.JoinedAt)}
		},
	}, nil
}

// Commissions exports commission records.
type Commissions struct{ S *commission.Service }

// commissionFilters is the commission list's query as JSON; from and to
// are Asia/Shanghai days, both inclusive.
type commissionFilters struct {
	DistributorID int64  `json:"distributor_id"`
	OrderID       int64  `json:"order_id"`
	Status        string `json:"status"`
	From          string `json:"from"`
	To            string `json:"to"`
}

func (Commissions) Title() string { return "佣金 Commissions" }

func (Commissions) Header() []string {
	return []string{"ID", "订单ID Order ID", "订单行ID Line ID", "分销商ID Distributor ID", "层级 Tier",
		"计佣金额(元) Base (yuan)", "方式 Mode", "比例(基点)/每件(分) Rate (bp) / per unit (fen)",
		"佣金(元) Commission (yuan)", "已冲回(元) Reversed (yuan)", "净额(元) Net (yuan)", "状态 Status",
		"说明 Reason", "解冻时间 Unlocks at", "创建时间 Created at", "结算时间 Settled at"}
}

func (s Commissions) Open(ctx context.Context, raw json.RawMessage) (Walk, error) {
	var in commissionFilters
	if err := decodeFilters(raw, &in); err != nil {
		return nil, err
	}
	from, to, err := commission.DayRange(in.From, in.To)
	if err != nil {
		return nil, err
	}
	f := commission.Filter{DistributorID: in.DistributorID, OrderID: in.OrderID, Status: commission.Status(in.Status), From: from, To: to}
	return walker[commission.Record]{
		count: func(ctx context.Context) (int64, error) { return s.S.Count(ctx, f) },
		walk:  func(ctx context.Context, c page.Cursor) ([]commission.Record, error) { return s.S.Walk(ctx, f, c) },
		id:    func(r commission.Record) int64 { return r.ID },
		row: func(r commission.Record) []any {
			return []any{r.ID, r.OrderID, r.OrderLineID, r.DistributorID, r.Tier, Yuan(r.BaseAmount),
				string(r.Mode), r.RateValue, Yuan(r.Amount), Yuan(r.ReversedAmount), Yuan(r.Net()),
				label(commissionStatus, string(r.Status)), r.Reason, Time(r.UnlockAt), Time(&r.CreatedAt), Time(r.SettledAt)}
		},
	}, nil
}

// Withdrawals exports withdrawal requests (payout accounts masked).
type Withdrawals struct{ S *withdrawal.Service }

func (Withdrawals) Title() string { return "提现 Withdrawals" }

func (Withdrawals) Header() []string {
	return []string{"ID", "商户单号 Out biz no", "分销商ID Distributor ID", "金额(元) Amount (yuan)",
		"手续费(元) Fee (yuan)", "实付(元) Net (yuan)", "收款方式 Payout", "收款账户 Account", "状态 Status",
		"说明 Reason", "付款凭证号 Reference", "申请时间 Requested at", "审核时间 Reviewed at", "付款时间 Paid at"}
}

func (s Withdrawals) Open(ctx context.Context, raw json.RawMessage) (Walk, error) {
	var f withdrawal.AdminFilter
	if err := decodeFilters(raw, &f); err != nil {
		return nil, err
	}
	return walker[withdrawal.Withdrawal]{
		count: func(ctx context.Context) (int64, error) { return s.S.Count(ctx, f) },
		walk:  func(ctx context.Context, c page.Cursor) ([]withdrawal.Withdrawal, error) { return s.S.Walk(ctx, f, c) },
		id:    func(w withdrawal.Withdrawal) int64 { return w.ID },
		row: func(w withdrawal.Withdrawal) []any {
			return []any{w.ID, w.OutBizNo, w.DistributorID, Yuan(w.Amount), Yuan(w.Fee), Yuan(w.Net),
				label(payoutKind, string(w.PayoutKind)), w.PayoutMasked, label(withdrawalStatus, string(w.Status)),
				w.Reason, w.Reference, Time(&w.CreatedAt), Time(w.ReviewedAt), Time(w.PaidAt)}
		},
	}, nil
}

var (
	distributorStatus = map[string]string{"active": "正常 active", "frozen": "冻结 frozen", "removed": "已移除 removed"}
	commissionStatus  = map[string]string{"pending": "待结算 pending", "settled": "已结算 settled", "reversed": "已冲回 reversed"}
	withdrawalStatus  = map[string]string{"pending": "待审核 pending", "approved": "已批准 approved",
		"rejected": "已拒绝 rejected", "paid": "已付款 paid", "failed": "付款失败 failed"}
	payoutKind = map[string]string{"wechat": "微信 WeChat", "alipay": "支付宝 Alipay", "bank": "银行卡 Bank card"}
)

// label is the bilingual label of a code, or the code itself.
func label(labels map[string]string, code string) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return code
}

func optional(id *int64) any {
	if id == nil {
		return ""
	}
	return *id
}
