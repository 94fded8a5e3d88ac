package wechatfake

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/http"
	"time"
)

// Transfer is the fake's record of one merchant transfer ("商家转账") bill.
type Transfer struct {
	OutBillNo      string
	TransferBillNo string
	OpenID         string
	UserName       string // decrypted by the fake; the wire carried ciphertext
	SceneID        string
	Remark         string
	Amount         int64
	State          string // WAIT_USER_CONFIRM, SUCCESS, FAIL, CANCELING, CANCELLED
	PackageInfo    string
	FailReason     string
	CreateTime     time.Time
	UpdateTime     time.Time
}

type transferBody struct {
	AppID           string  `json:"appid"`
	OutBillNo       string  `json:"out_bill_no"`
	TransferSceneID string  `json:"transfer_scene_id"`
	OpenID          string  `json:"openid"`
	UserName        *string `json:"user_name"`
	TransferAmount  int64   `json:"transfer_amount"`
	TransferRemark  string  `json:"transfer_remark"`
	SceneReports    []struct {
		Type    string `json:"info_type"`
		Content string `json:"info_content"`
	} `json:"transfer_scene_report_infos"`
}

func (s *Server) createTransfer(r *http.Request, body []byte) reply {
	var b transferBody
	if f := decode(body, &b); f != nil {
		return *f
	}
	switch {
	case b.AppID != s.cfg.AppID:
		return fail(http.StatusBadRequest, "PARAM_ERROR", "appid does not belong to the merchant")
	case b.OutBillNo == "" || b.TransferSceneID == "" || b.OpenID == "" || b.TransferRemark == "" || b.TransferAmount <= 0:
		return fail(http.StatusBadRequest, "PARAM_ERROR", "out_bill_no, transfer_scene_id, openid, transfer_remark and transfer_amount are required")
	case len(b.SceneReports) == 0:
		return fail(http.StatusBadRequest, "PARAM_ERROR", "transfer_scene_report_infos is required")
	case b.TransferAmount >= 200000 && b.UserName == nil:
		return fail(http.StatusBadRequest, "PARAM_ERROR", "user_name is required from 2000 yuan")
	}
	var name string
	if b.UserName != nil {
		n, err := s.decryptField(r.Header.Get("Wechatpay-Serial"), *b.UserName)
		if err != nil {
			return fail(http.StatusBadRequest, "PARAM_ERROR", "user_name does not decrypt: "+err.Error())
		}
		name = n
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, found := s.transfers[b.OutBillNo]; found {
		if t.Amount == b.TransferAmount && t.OpenID == b.OpenID {
			return ok(createdJSON(t)) // a retry with the same out_bill_no: same bill
		}
		// Fake's choice of code for a reused number with other parameters.
		return fail(http.StatusBadRequest, "INVALID_REQUEST", "商户单号重复")
	}
	now := time.Now()
	t := &Transfer{OutBillNo: b.OutBillNo, TransferBillNo: fmt.Sprintf("1330%024d", s.nextID()), OpenID: b.OpenID,
		UserName: name, SceneID: b.TransferSceneID, Remark: b.TransferRemark, Amount: b.TransferAmount,
		State: "WAIT_USER_CONFIRM", PackageInfo: "ABBQO+oYAAABAAAAAAB" + randomString(24), CreateTime: now, UpdateTime: now}
	s.transfers[t.OutBillNo] = t
	return ok(createdJSON(t))
}

// decryptField undoes the SDK's EM_APIV3 encryption (RSA-OAEP with SHA-1)
// with the key the request's Wechatpay-Serial names.
func (s *Server) decryptField(serial, ciphertext string) (string, error) {
	var key *rsa.PrivateKey
	switch {
	case serial != "" && serial == s.cfg.PublicKeyID:
		key = s.cfg.PublicKey
	case s.cfg.PlatformCert != nil && serial == CertSerial(s.cfg.PlatformCert.SerialNumber):
		key = s.cfg.PlatformKey
	default:
		return "", fmt.Errorf("Wechatpay-Serial %q names no key", serial)
	}
	raw, err := base64.StdEncoding.DecodeString(ciphertext)
	if err != nil {
		return "", fmt.Errorf("not base64")
	}
	plain, err := rsa.DecryptOAEP(sha1.New(), rand.Reader, key, raw, nil)
	if err != nil {
		return "", fmt.Errorf("not RSA-OAEP ciphertext for that key")
	}
	return string(plain), nil
}

func createdJSON(t *Transfer) map[string]any {
	out := map[string]any{"out_bill_no": t.OutBillNo, "transfer_bill_no": t.TransferBillNo,
		"create_time": rfc3339(t.CreateTime), "state": t.State}
	if t.State == "WAIT_USER_CONFIRM" {
		out["package_info"] = t.PackageInfo
	}
	return out
}

// billJSON renders a transfer like the query API and MCHTRANSFER
// notifications; callers hold s.mu.
func (s *Server) billJSON(t *Transfer) map[string]any {
	out := map[string]any{"mch_id": s.cfg.MchID, "appid": s.cfg.AppID, "out_bill_no": t.OutBillNo,
		"transfer_bill_no": t.TransferBillNo, "state": t.State, "transfer_amount": t.Amount, "transfer_remark": t.Remark,
		"openid": t.OpenID, "create_time": rfc3339(t.CreateTime), "update_time": rfc3339(t.UpdateTime)}
	if t.FailReason != "" {
		out["fail_reason"] = t.FailReason
	}
	return out
}

func (s *Server) queryTransfer(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.transfers[r.PathValue("no")]
	if !found {
		return fail(http.StatusNotFound, "NOT_FOUND", "记录不存在")
	}
	return ok(s.billJSON(t))
}

// cancelTransfer answers CANCELING and settles on CANCELLED, like WeChat.
func (s *Server) cancelTransfer(r *http.Request, _ []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.transfers[r.PathValue("no")]
	if !found {
		return fail(http.StatusNotFound, "NOT_FOUND", "记录不存在")
	}
	switch t.State {
	case "ACCEPTED", "PROCESSING", "WAIT_USER_CONFIRM":
	default:
		return fail(http.StatusBadRequest, "INVALID_REQUEST", "当前状态不可撤销")
	}
	t.State, t.UpdateTime = "CANCELLED", time.Now()
	return ok(map[string]any{"out_bill_no": t.OutBillNo, "transfer_bill_no": t.TransferBillNo,
		"state": "CANCELING", "update_time": rfc3339(t.UpdateTime)})
}

// ConfirmTransfer plays the user confirming on WeChat's page: the transfer
// succeeds.
func (s *Server) ConfirmTransfer(outBillNo string) error {
	return s.settleTransfer(outBillNo, "SUCCESS", "")
}

// FailTransfer ends a waiting transfer as failed with reason.
func (s *Server) FailTransfer(outBillNo, reason string) error {
	return s.settleTransfer(outBillNo, "FAIL", reason)
}

func (s *Server) settleTransfer(outBillNo, state, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.transfers[outBillNo]
	if !found || t.State != "WAIT_USER_CONFIRM" {
		return fmt.Errorf("wechatfake: transfer %q is not waiting for the user", outBillNo)
	}
	t.State, t.FailReason, t.UpdateTime = state, reason, time.Now()
	return nil
}

// Transfer returns a copy of the fake's record of a transfer.
func (s *Server) Transfer(outBillNo string) (Transfer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, found := s.transfers[outBillNo]
	if !found {
		return Transfer{}, false
	}
	return *t, true
}
