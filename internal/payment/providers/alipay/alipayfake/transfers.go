package alipayfake

import (
	"fmt"
	"net/http"
	"time"
)

// Account is an Alipay account transfers can reach.
type Account struct {
	LogonID  string // phone or email
	UserID   string // 2088...
	RealName string
}

// Transfer is the fake's record of one transfer.
type Transfer struct {
	OutBizNo       string
	OrderID        string
	PayFundOrderID string
	Payee          string
	Amount         int64
	Title          string
	Status         string // SUCCESS, DEALING, FAIL
	FailReason     string
	At             time.Time
}

// AddAccount registers a payee; transfers to anyone else fail with PAYEE_NOT_EXIST.
func (s *Server) AddAccount(a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts = append(s.accounts, a)
}

// HoldTransfers makes new transfers answer DEALING until CompleteTransfer.
func (s *Server) HoldTransfers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.holdTransfer = true
}

// CompleteTransfer settles a DEALING transfer as SUCCESS.
func (s *Server) CompleteTransfer(outBizNo string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.transfers[outBizNo]
	if !ok || t.Status != "DEALING" {
		return fmt.Errorf("alipayfake: transfer %q is not dealing", outBizNo)
	}
	t.Status, t.At = "SUCCESS", time.Now()
	return nil
}

func (s *Server) transfer(_ *http.Request, biz map[string]any) map[string]any {
	amount, ok := parseYuan(str(biz, "trans_amount"))
	payee, _ := biz["payee_info"].(map[string]any)
	switch {
	case str(biz, "product_code") != "TRANS_ACCOUNT_NO_PWD" || str(biz, "biz_scene") != "DIRECT_TRANSFER":
		return bizFail("INVALID_PARAMETER", "product_code/biz_scene 不支持")
	case !ok || str(biz, "out_biz_no") == "" || str(biz, "order_title") == "" || payee == nil:
		return bizFail("INVALID_PARAMETER", "参数有误")
	case amount < 10:
		return bizFail("EXCEED_LIMIT_SM_MIN_AMOUNT", "单笔最低转账金额0.1元")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	no, identity := str(biz, "out_biz_no"), str(payee, "identity")
	if t, found := s.transfers[no]; found {
		if t.Amount != amount || t.Payee != identity {
			return bizFail("INVALID_PARAMETER", "out_biz_no 重复") // fake's choice of code
		}
		return success(transferAnswer(t))
	}
	acct, found := s.account(str(payee, "identity_type"), identity)
	switch {
	case str(payee, "identity_type") == "ALIPAY_LOGON_ID" && str(payee, "name") == "":
		return bizFail("INVALID_PARAMETER", "收款方姓名不能为空")
	case !found:
		return bizFail("PAYEE_NOT_EXIST", "收款账号不存在")
	case str(payee, "name") != "" && str(payee, "name") != acct.RealName:
		return bizFail("PAYEE_USER_INFO_ERROR", "收款方姓名与账号不一致")
	}
	id := s.nextID()
	t := &Transfer{OutBizNo: no, OrderID: fmt.Sprintf("20250101110070000006%012d", id),
		PayFundOrderID: fmt.Sprintf("20250101110070001506%012d", id), Payee: identity, Amount: amount,
		Title: str(biz, "order_title"), Status: "SUCCESS", At: time.Now()}
	if s.holdTransfer {
		t.Status = "DEALING"
	}
	s.transfers[no] = t
	return success(transferAnswer(t))
}

// account finds a payee by identity type; callers hold s.mu.
func (s *Server) account(kind, identity string) (Account, bool) {
	for _, a := range s.accounts {
		if (kind == "ALIPAY_LOGON_ID" && a.LogonID == identity) || (kind == "ALIPAY_USER_ID" && a.UserID == identity) {
			return a, true
		}
	}
	return Account{}, false
}

func transferAnswer(t *Transfer) map[string]any {
	out := map[string]any{"out_biz_no": t.OutBizNo, "order_id": t.OrderID, "pay_fund_order_id": t.PayFundOrderID,
		"status": t.Status}
	if t.Status == "SUCCESS" {
		out["trans_date"] = timeText(t.At)
	}
	return out
}

func (s *Server) transferQuery(_ *http.Request, biz map[string]any) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var t *Transfer
	for _, x := range s.transfers {
		if x.OutBizNo == str(biz, "out_biz_no") || (str(biz, "order_id") != "" && x.OrderID == str(biz, "order_id")) {
			t = x
		}
	}
	if t == nil {
		return bizFail("ORDER_NOT_EXIST", "转账订单不存在")
	}
	out := map[string]any{"order_id": t.OrderID, "pay_fund_order_id": t.PayFundOrderID, "out_biz_no": t.OutBizNo,
		"trans_amount": yuan(t.Amount), "status": t.Status, "order_fee": "0.00"}
	if t.Status == "SUCCESS" {
		out["pay_date"] = timeText(t.At)
	}
	if t.FailReason != "" {
		out["fail_reason"] = t.FailReason
	}
	return success(out)
}

// Transfer returns a copy of the fake's record of a transfer.
func (s *Server) Transfer(outBizNo string) (Transfer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.transfers[outBizNo]
	if !ok {
		return Transfer{}, false
	}
	return *t, true
}
