package credentials

import "context"

// View shows both providers: where their credentials come from, whether
// they run now, whether a restart is needed for saved changes, the ids in
// full and the keys as KeyState (secrets never included). Errors: only
// internal ones (the database).
func (s *Service) View(ctx context.Context) (*Settings, error) {
	wr, err := loadRow(ctx, s.db, ProviderWeChatPay)
	if err != nil {
		return nil, err
	}
	ar, err := loadRow(ctx, s.db, ProviderAlipay)
	if err != nil {
		return nil, err
	}
	var w WeChatPay
	if s.env.WeChatPay != nil {
		w = *s.env.WeChatPay
	}
	var a Alipay
	if s.env.Alipay != nil {
		a = *s.env.Alipay
	}
	out := &Settings{
		WeChatPay: s.wechatView(s.status(ProviderWeChatPay, wr, s.env.WeChatPay != nil, &w), w),
		Alipay:    s.alipayView(s.status(ProviderAlipay, ar, s.env.Alipay != nil, &a), a),
	}
	return out, nil
}

// status says where provider stands; for stored credentials it opens r
// into dst (dst already holds the environment's credentials otherwise).
func (s *Service) status(provider string, r *row, fromEnv bool, dst secretHolder) Status {
	start := s.startedAs(provider)
	st := Status{Provider: provider, Source: SourceNone, Enabled: start.enabled}
	switch {
	case fromEnv:
		st.Source, st.ReadOnly, st.StoredIgnored = SourceEnvironment, true, r != nil
	case r != nil:
		at := r.UpdatedAt
		st.Source, st.UpdatedAt, st.UpdatedBy = SourceSettings, &at, r.UpdatedBy
		if err := decode(s.boxes[provider], r, dst); err != nil {
			st.Problem = openProblem(err)
			return st
		}
		st.RestartRequired = s.digest(provider, dst) != start.digest
		if !st.RestartRequired {
			st.Problem = start.problem
		}
	default:
		st.RestartRequired = start.digest != "" // deleted since the start
	}
	return st
}

func (s *Service) secretState(v string) KeyState {
	return KeyState{Set: v != "", Fingerprint: s.fingerprint(v)}
}

func (s *Service) publicState(v string) KeyState {
	return KeyState{Set: v != "", Fingerprint: s.fingerprint(v), Value: v}
}

func (s *Service) wechatView(st Status, w WeChatPay) WeChatPayView {
	v := WeChatPayView{Status: st, MchID: w.MchID, AppID: w.AppID, CertSerial: w.CertSerial, PublicKeyID: w.PublicKeyID,
		PrivateKey: s.secretState(w.PrivateKey), APIv3Key: s.secretState(w.APIv3Key), PublicKey: s.publicState(w.PublicKey),
		PlatformCerts: []KeyState{}}
	for _, c := range w.PlatformCerts {
		v.PlatformCerts = append(v.PlatformCerts, s.publicState(c))
	}
	return v
}

func (s *Service) alipayView(st Status, a Alipay) AlipayView {
	return AlipayView{Status: st, AppID: a.AppID, PrivateKey: s.secretState(a.PrivateKey), PublicKey: s.publicState(a.PublicKey),
		AppCert: s.publicState(a.AppCert), AlipayRootCert: s.publicState(a.AlipayRootCert), AlipayCert: s.publicState(a.AlipayCert)}
}

// auditWeChatPay is what the audit log keeps of w: ids and fingerprints,
// never a key.
func (s *Service) auditWeChatPay(w WeChatPay) map[string]any {
	certs := []string{}
	for _, c := range w.PlatformCerts {
		certs = append(certs, s.fingerprint(c))
	}
	return map[string]any{"mch_id": w.MchID, "app_id": w.AppID, "cert_serial": w.CertSerial, "public_key_id": w.PublicKeyID,
		"private_key": s.fingerprint(w.PrivateKey), "apiv3_key": s.fingerprint(w.APIv3Key),
		"public_key": s.fingerprint(w.PublicKey), "platform_certs": certs}
}

func (s *Service) auditAlipay(a Alipay) map[string]any {
	return map[string]any{"app_id": a.AppID, "private_key": s.fingerprint(a.PrivateKey), "public_key": s.fingerprint(a.PublicKey),
		"app_cert": s.fingerprint(a.AppCert), "alipay_root_cert": s.fingerprint(a.AlipayRootCert), "alipay_cert": s.fingerprint(a.AlipayCert)}
}
