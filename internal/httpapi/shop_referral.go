package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"fenxiao/internal/distribution/referral"
	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/session"
	"fenxiao/internal/shop/member"
)

// RefCookie holds an anonymous shopper's pending referral, signed with
// the server secret, until they log in.
const RefCookie = "fx_ref"

// mountShopReferral registers distribution: visits, sharing and the
// distributor's shop on the shop API; distributors, applications,
// bindings, levels and settings on the admin API.
func (s *Server) mountShopReferral() {
	s.handle(op{Method: "POST", Path: "/api/shop/referral/visit", Tag: "shop-referral", Auth: authPublic, Request: visitRequest{}, Response: visitResponse{},
		Summary: "Record a visit through an invite link (source link/product_link/qr/code). Logged in (CSRF token required): binds by the binding rules and says why not. Anonymous: sets the signed HttpOnly fx_ref cookie (30 days) applied at login. 404 unknown_invite_code"}, s.referralVisit)
	s.handle(op{Method: "GET", Path: "/api/shop/referral/qr/:code", Tag: "shop-referral", Auth: authPublic, Query: []string{"p"},
		Summary: "PNG QR code of a distributor's shop link, or of a product link with ?p=; the path is /api/shop/referral/qr/CODE.png. Cache-Control public max-age=86400 with an ETag. 404 unknown_invite_code"}, s.referralQR)
	s.handle(op{Method: "GET", Path: "/api/shop/referral/poster", Tag: "shop-referral", Auth: authPublic, Query: []string{"code", "product_id"}, Response: posterResponse{},
		Summary: "What a share poster needs: the distributor's card, the product (image, title, price in fen) when product_id is given, the link and its QR image URL"}, s.referralPoster)
	s.handle(op{Method: "GET", Path: "/api/shop/s/:code", Tag: "shop-referral", Auth: authPublic, Response: referral.ShopHome{},
		Summary: "A distributor's shop: nickname, avatar, title, greeting and its featured on-shelf products (all on-shelf products in catalogue order unless it picked some). Works for frozen distributors too"}, s.distributorShopHome)

	s.handle(op{Method: "POST", Path: "/api/shop/referral/claim", Tag: "shop-referral", Auth: authShopper, Response: referral.BindResult{},
		Summary: "Apply the anonymous fx_ref cookie after login and clear it (idempotent: no_pending_referral). A tampered or expired cookie is ignored (invalid_referral)"}, s.referralClaim)
	s.handle(op{Method: "POST", Path: "/api/shop/distributor/apply", Tag: "shop-distributor", Auth: authShopper, Request: referral.ApplyInput{}, Response: referral.ApplyResult{},
		Summary: "Apply to become a distributor (free: no purchase needed). auto mode: approved at once; review mode: pending; designated mode: 403 designated_only. 409 application_pending/already_distributor"}, s.distributorApply)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/application", Tag: "shop-distributor", Auth: authShopper, Response: referral.Application{},
		Summary: "The shopper's latest application (status, reject_reason); 404 when none"}, s.distributorApplication)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/me", Tag: "shop-distributor", Auth: authShopper, Response: referral.Profile{},
		Summary: "The shopper's distributor account (status, invite code, parent card, buyer and team counts); 403 not_a_distributor"}, s.distributorMe)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/links", Tag: "shop-distributor", Auth: authShopper, Response: linksResponse{},
		Summary: "Invite code, shop link {base}/s/{code}, product link format {base}/s/{code}?p={product_id} and QR image URLs; 403 not_a_distributor"}, s.distributorLinks)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/binding-history", Tag: "shop-distributor", Auth: authShopper, Query: []string{"page", "page_size"}, Response: pageOf[referral.TeamHistoryItem]{},
		Summary: "Buyers bound to (in) or moved away from (out) this distributor, buyer names masked; 403 not_a_distributor"}, s.distributorBindingHistory)
	s.handle(op{Method: "GET", Path: "/api/shop/distributor/shop", Tag: "shop-distributor", Auth: authShopper, Response: referral.ShopSettings{},
		Summary: "The distributor's shop settings; 403 not_a_distributor"}, s.distributorGetShop)
	s.handle(op{Method: "PUT", Path: "/api/shop/distributor/shop", Tag: "shop-distributor", Auth: authShopper, Request: referral.ShopSettings{}, Response: referral.ShopSettings{},
		Summary: "Replace shop_title (<=32), greeting (<=120) and the ordered featured products [{product_id, hidden}] (existing products only, each once, at most 200)"}, s.distributorPutShop)
}

type visitRequest struct {
	Code      string          `json:"code" validate:"required,max=16"`
	Source    referral.Source `json:"source" validate:"required"`
	ProductID int64           `json:"product_id" validate:"gte=0"`
}

type visitResponse struct {
	Distributor referral.Public `json:"distributor"`
	Bound       bool            `json:"bound"`
	// Reason: bound, rebound, already_bound, locked, rebind_too_soon, self,
	// cycle, distributor_inactive, or pending_login (anonymous: kept in a
	// cookie until login).
	Reason string `json:"reason"`
}

// referralVisit records a visit through an invite link. A logged-in shopper
// is bound at once (its CSRF token is required); an anonymous one gets the
// signed fx_ref cookie, applied at login or by /referral/claim.
func (s *Server) referralVisit(c *gin.Context) {
	sh, ok := s.optionalShopper(c)
	if !ok {
		return
	}
	var req visitRequest
	if !bindJSON(c, &req) {
		return
	}
	if !referral.ValidSource(req.Source) {
		Fail(c, apperr.InvalidField("source", "must be link, product_link, qr or code"))
		return
	}
	_, pub, err := s.deps.Referral.ResolveCode(c.Request.Context(), req.Code)
	if err != nil {
		Fail(c, err)
		return
	}
	out := visitResponse{Distributor: *pub, Reason: "pending_login"}
	if sh == nil {
		s.setRefCookie(c, referral.Visit{Code: referral.NormalizeCode(req.Code), Source: req.Source, ProductID: req.ProductID, IssuedAt: time.Now().Unix()})
		respond(c, out, nil)
		return
	}
	res, err := s.deps.Referral.Bind(c.Request.Context(), sh.ID, req.Code, req.Source)
	if err != nil {
		Fail(c, err)
		return
	}
	out.Bound, out.Reason = res.Bound, res.Reason
	respond(c, out, nil)
}

// optionalShopper is the logged-in shopper on a public route, or nil for
// anyone without a live session. A logged-in state change still needs the
// CSRF token; without it the request fails (ok false).
func (s *Server) optionalShopper(c *gin.Context) (*member.Shopper, bool) {
	token, _ := c.Cookie(ShopCookie)
	if token == "" {
		return nil, true
	}
	sess, err := s.deps.Sessions.Lookup(c.Request.Context(), session.KindShop, token)
	if err != nil {
		return nil, true
	}
	if isStateChanging(c.Request.Method) && !sess.CheckCSRF(c.GetHeader(CSRFHeader)) {
		Fail(c, apperr.Forbidden("missing or wrong CSRF token; send the X-CSRF-Token header you got at login").WithReason("csrf"))
		return nil, false
	}
	sh, err := s.deps.Members.ActiveShopper(c.Request.Context(), sess.SubjectID)
	if err != nil {
		return nil, true
	}
	return sh, true
}

func (s *Server) refKey() []byte { return []byte("fx_ref\x00" + s.deps.Config.Secret) }

func (s *Server) setRefCookie(c *gin.Context, v referral.Visit) {
	http.SetCookie(c.Writer, &http.Cookie{Name: RefCookie, Value: referral.SignVisit(s.refKey(), v), Path: "/", HttpOnly: true,
		Secure: s.deps.Config.IsProduction(), SameSite: http.SameSiteLaxMode, MaxAge: int(referral.VisitTTL / time.Second)})
}

func (s *Server) clearRefCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: RefCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1,
		Secure: s.deps.Config.IsProduction(), SameSite: http.SameSiteLaxMode})
}

// applyPendingReferral binds shopperID by the visit in the fx_ref cookie,
// if any, and clears the cookie. A tampered, expired or unknown referral is
// dropped. It never fails the request it runs in: call it right after a
// shop login succeeds.
func (s *Server) applyPendingReferral(c *gin.Context, shopperID int64) referral.BindResult {
	raw, _ := c.Cookie(RefCookie)
	if raw == "" {
		return referral.BindResult{Reason: "no_pending_referral"}
	}
	s.clearRefCookie(c)
	v, ok := referral.ParseVisit(s.refKey(), raw, time.Now())
	if !ok {
		return referral.BindResult{Reason: "invalid_referral"}
	}
	res, err := s.deps.Referral.Bind(c.Request.Context(), shopperID, v.Code, v.Source)
	if err != nil {
		if e, ok := apperr.As(err); ok {
			return referral.BindResult{Reason: e.Reason}
		}
		s.deps.Log.WarnContext(c.Request.Context(), "apply pending referral", "request_id", requestID(c), "err", err)
		return referral.BindResult{Reason: "error"}
	}
	return res
}

// referralClaim applies the anonymous visit cookie after login. Idempotent:
// the cookie is cleared, so a second call reports no_pending_referral.
func (s *Server) referralClaim(c *gin.Context) {
	respond(c, s.applyPendingReferral(c, currentShopper(c).ID), nil)
}

// referralQR serves /referral/qr/CODE.png: the shop link (or, with ?p=,
// the product link) as a PNG QR code, cacheable for a day.
func (s *Server) referralQR(c *gin.Context) {
	code, ok := strings.CutSuffix(c.Param("code"), ".png")
	productID, err := strconv.ParseInt(c.DefaultQuery("p", "0"), 10, 64)
	if !ok || err != nil || productID < 0 {
		Fail(c, apperr.NotFound("no such QR code; use /api/shop/referral/qr/CODE.png?p=PRODUCT_ID"))
		return
	}
	d, _, err := s.deps.Referral.ResolveCode(c.Request.Context(), code)
	if err != nil {
		Fail(c, err)
		return
	}
	png, etag, err := referral.QRPNG(referral.ShopLink(s.deps.Config.BaseURL, d.InviteCode, productID))
	if err != nil {
		Fail(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	c.Header("ETag", etag)
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "image/png", png)
}

// qrURL is the absolute URL of a distributor's QR image.
func (s *Server) qrURL(code string, productID int64) string {
	u := strings.TrimRight(s.deps.Config.BaseURL, "/") + "/api/shop/referral/qr/" + code + ".png"
	if productID > 0 {
		u += "?p=" + strconv.FormatInt(productID, 10)
	}
	return u
}

func (s *Server) distributorShopHome(c *gin.Context) {
	home, err := s.deps.Referral.Home(c.Request.Context(), c.Param("code"))
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, home, nil)
}

type posterQuery struct {
	Code      string `form:"code"`
	ProductID int64  `form:"product_id"`
}

type posterResponse struct {
	Distributor referral.Public         `json:"distributor"`
	Product     *referral.PosterProduct `json:"product,omitempty"`
	Link        string                  `json:"link"`
	QRURL       string                  `json:"qr_url"`
}

// referralPoster is what a share poster shows: the product (optional),
// the distributor's card and the QR code of the link.
func (s *Server) referralPoster(c *gin.Context) {
	var q posterQuery
	if !bindQuery(c, &q) {
		return
	}
	d, pub, err := s.deps.Referral.ResolveCode(c.Request.Context(), q.Code)
	if err != nil {
		Fail(c, err)
		return
	}
	out := posterResponse{Distributor: *pub, Link: referral.ShopLink(s.deps.Config.BaseURL, d.InviteCode, q.ProductID),
		QRURL: s.qrURL(d.InviteCode, q.ProductID)}
	if q.ProductID != 0 {
		if out.Product, err = s.deps.Referral.PosterProduct(c.Request.Context(), q.ProductID); err != nil {
			Fail(c, err)
			return
		}
	}
	respond(c, out, nil)
}

func (s *Server) distributorApply(c *gin.Context) {
	var req referral.ApplyInput
	if !bindJSON(c, &req) {
		return
	}
	res, err := s.deps.Referral.Apply(c.Request.Context(), currentShopper(c).ID, req)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, res, nil)
}

func (s *Server) distributorApplication(c *gin.Context) {
	a, err := s.deps.Referral.MyApplication(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, a, nil)
}

func (s *Server) distributorMe(c *gin.Context) {
	p, err := s.deps.Referral.Me(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, p, nil)
}

type linksResponse struct {
	InviteCode        string `json:"invite_code"`
	ShopLink          string `json:"shop_link"`
	ProductLinkFormat string `json:"product_link_format"`
	QRURL             string `json:"qr_url"`
	ProductQRFormat   string `json:"product_qr_url_format"`
}

func (s *Server) distributorLinks(c *gin.Context) {
	d, err := s.deps.Referral.Mine(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	base := referral.ShopLink(s.deps.Config.BaseURL, d.InviteCode, 0)
	respond(c, linksResponse{InviteCode: d.InviteCode, ShopLink: base, ProductLinkFormat: base + "?p={product_id}",
		QRURL: s.qrURL(d.InviteCode, 0), ProductQRFormat: s.qrURL(d.InviteCode, 0) + "?p={product_id}"}, nil)
}

func (s *Server) distributorBindingHistory(c *gin.Context) {
	d, err := s.deps.Referral.Mine(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	p, ok := pageRequest(c)
	if !ok {
		return
	}
	res, err := s.deps.Referral.DistributorHistory(c.Request.Context(), d.ID, p)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, res, nil)
}

func (s *Server) distributorGetShop(c *gin.Context) {
	out, err := s.deps.Referral.MyShop(c.Request.Context(), currentShopper(c).ID)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}

func (s *Server) distributorPutShop(c *gin.Context) {
	var req referral.ShopSettings
	if !bindJSON(c, &req) {
		return
	}
	out, err := s.deps.Referral.UpdateMyShop(c.Request.Context(), currentShopper(c).ID, req)
	if err != nil {
		Fail(c, err)
		return
	}
	respond(c, out, nil)
}
