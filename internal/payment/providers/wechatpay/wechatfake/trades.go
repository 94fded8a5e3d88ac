package wechatfake

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Trade is the fake's record of one order.
type Trade struct {
	OutTradeNo    string
	TradeType     string // JSAPI, MWEB, NATIVE
	Description   string
	OpenID        string
	PayerIP       string
	NotifyURL     string
	Total         int64
	PayerTotal    int64
	Refunded      int64
	State         string // NOTPAY, SUCCESS, REFUND, CLOSED
	PrepayID      string
	TransactionID string
	SuccessTime   time.Time
}

type prepayBody struct {
	AppID       string `json:"appid"`
	MchID       string `json:"mchid"`
	Description string `json:"description"`
	OutTradeNo  string `json:"out_trade_no"`
	NotifyURL   string `json:"notify_url"`
	Amount      struct {
		Total    int64  `json:"total"`
		Currency string `json:"currency"`
	} `json:"amount"`
	Payer *struct {
		OpenID string `json:"openid"`
	} `json:"payer"`
	SceneInfo *struct {
		PayerClientIP string `json:"payer_client_ip"`
		H5Info        *struct {
			Type string `json:"type"`
		} `json:"h5_info"`
	} `json:"scene_info"`
}

func (s *Server) prepay(tradeType string) handler {
	return func(r *http.Request, body []byte) reply {
		var b prepayBody
		if f := decode(body, &b); f != nil {
			return *f
		}
		if rep, bad := s.checkPrepay(tradeType, &b); bad {
			return rep
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		t, exists := s.trades[b.OutTradeNo]
		switch {
		case exists && (t.State == "SUCCESS" || t.State == "REFUND"):
			return fail(http.StatusBadRequest, "ORDERPAID", "该订单已支付")
		case exists && t.State == "CLOSED":
			return fail(http.StatusBadRequest, "ORDER_CLOSED", "该订单已关闭")
		case exists && (t.TradeType != tradeType || t.Total != b.Amount.Total || t.Description != b.Description):
			// Fake's choice: WeChat answers a reused number with other parameters as invalid.
			return fail(http.StatusBadRequest, "INVALID_REQUEST", "商户订单号重复")
		case !exists:
			t = &Trade{OutTradeNo: b.OutTradeNo, TradeType: tradeType, Description: b.Description, NotifyURL: b.NotifyURL,
				Total: b.Amount.Total, State: "NOTPAY", PrepayID: fmt.Sprintf("wx%d%010d", time.Now().Unix(), s.nextID())}
			if b.Payer != nil {
				t.OpenID = b.Payer.OpenID
			}
			if b.SceneInfo != nil {
				t.PayerIP = b.SceneInfo.PayerClientIP
			}
			s.trades[t.OutTradeNo] = t
		}
		switch tradeType {
		case "MWEB":
			return ok(map[string]string{"h5_url": "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + t.PrepayID + "&package=1"})
		case "NATIVE":
			return ok(map[string]string{"code_url": "weixin://wxpay/bizpayurl?pr=" + t.PrepayID[len(t.PrepayID)-7:]})
		default:
			return ok(map[string]string{"prepay_id": t.PrepayID})
		}
	}
}

func (s *Server) checkPrepay(tradeType string, b *prepayBody) (reply, bool) {
	switch {
	case b.AppID != s.cfg.AppID || b.MchID != s.cfg.MchID:
		return fail(http.StatusBadRequest, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"), true
	case b.OutTradeNo == "" || b.Description == "" || b.Amount.Total <= 0:
		return fail(http.StatusBadRequest, "PARAM_ERROR", "out_trade_no, description and amount.total are required"), true
	case !strings.HasPrefix(b.NotifyURL, "https://") || strings.Contains(b.NotifyURL, "?"):
		return fail(http.StatusBadRequest, "PARAM_ERROR", "notify_url must be https without query"), true
	case tradeType == "JSAPI" && (b.Payer == nil || b.Payer.OpenID == ""):
		return fail(http.StatusBadRequest, "PARAM_ERROR", "payer.openid is required"), true
	case tradeType == "MWEB" && (b.SceneInfo == nil || b.SceneInfo.PayerClientIP == "" || b.SceneInfo.H5Info == nil):
		return fail(http.StatusBadRequest, "PARAM_ERROR", "scene_info.payer_client_ip and h5_info are required"), true
	}
	return reply{}, false
}

func (s *Server) queryTrade(r *http.Request, _ []byte) reply {
	if r.URL.Query().Get("mchid") != s.cfg.MchID {
		return fail(http.StatusBadRequest, "PARAM_ERROR", "mchid does not match")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.trades[r.PathValue("no")]
	if !found {
		return fail(http.StatusNotFound, "ORDER_NOT_EXIST", "订单不存在")
	}
	return ok(s.transactionJSON(t))
}

// transactionJSON renders t the way the query API and TRANSACTION
// notifications do; callers hold s.mu.
func (s *Server) transactionJSON(t *Trade) map[string]any {
	out := map[string]any{"appid": s.cfg.AppID, "mchid": s.cfg.MchID, "out_trade_no": t.OutTradeNo,
		"trade_type": t.TradeType, "trade_state": t.State, "trade_state_desc": t.State,
		"amount": map[string]any{"total": t.Total, "currency": "CNY", "payer_currency": "CNY"}}
	if t.TransactionID != "" {
		out["transaction_id"] = t.TransactionID
		out["success_time"] = rfc3339(t.SuccessTime)
		out["bank_type"] = "OTHERS"
		out["payer"] = map[string]string{"openid": t.OpenID}
		out["amount"].(map[string]any)["payer_total"] = t.PayerTotal
	}
	return out
}

func (s *Server) closeTrade(r *http.Request, body []byte) reply {
	var b struct {
		MchID string `json:"mchid"`
	}
	if f := decode(body, &b); f != nil {
		return *f
	}
	if b.MchID != s.cfg.MchID {
		return fail(http.StatusBadRequest, "PARAM_ERROR", "mchid does not match")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.trades[r.PathValue("no")]
	switch {
	case !found: // fake's choice: WeChat's answer for an unknown number is not documented precisely
		return fail(http.StatusNotFound, "ORDER_NOT_EXIST", "订单不存在")
	case t.State == "SUCCESS" || t.State == "REFUND":
		return fail(http.StatusBadRequest, "ORDERPAID", "订单已支付")
	}
	t.State = "CLOSED"
	return reply{status: http.StatusNoContent}
}

// MarkPaid makes a NOTPAY trade paid in full, as if the payer finished.
func (s *Server) MarkPaid(outTradeNo string) error { return s.MarkPaidWithCoupon(outTradeNo, 0) }

// MarkPaidWithCoupon makes a trade paid with a WeChat coupon covering
// coupon fen, so payer_total = total - coupon.
func (s *Server) MarkPaidWithCoupon(outTradeNo string, coupon int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.trades[outTradeNo]
	if !found || t.State != "NOTPAY" {
		return fmt.Errorf("wechatfake: trade %q is not payable", outTradeNo)
	}
	if t.OpenID == "" {
		t.OpenID = "o-fake-payer"
	}
	t.State, t.PayerTotal, t.SuccessTime = "SUCCESS", t.Total-coupon, time.Now()
	t.TransactionID = fmt.Sprintf("4200%024d", s.nextID())
	return nil
}

// Trade returns a copy of the fake's record of a trade.
func (s *Server) Trade(outTradeNo string) (Trade, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.trades[outTradeNo]
	if !found {
		return Trade{}, false
	}
	return *t, true
}
