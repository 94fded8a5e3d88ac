package member

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"fenxiao/internal/platform/apperr"
	"fenxiao/internal/platform/database"
)

// Profile returns the shopper's own account view (full phone).
// Errors: not_found.
func (s *Service) Profile(ctx context.Context, shopperID int64) (*Profile, error) {
	return loadProfile(s.db.WithContext(ctx), shopperID)
}

// ProfileUpdate changes the fields that are set.
type ProfileUpdate struct {
	Nickname  *string `json:"nickname"`
	AvatarURL *string `json:"avatar_url"`
}

const maxNickname = 32

// validate trims and checks the update. Errors: invalid (nickname, avatar_url).
func (u *ProfileUpdate) validate() error {
	fields := map[string]string{}
	if u.Nickname != nil {
		n := strings.TrimSpace(*u.Nickname)
		u.Nickname = &n
		switch {
		case n == "":
			fields["nickname"] = "must not be empty"
		case utf8.RuneCountInString(n) > maxNickname:
			fields["nickname"] = fmt.Sprintf("must be at most %d characters", maxNickname)
		case strings.IndexFunc(n, unicode.IsControl) >= 0:
			fields["nickname"] = "must not contain control characters"
		}
	}
	if u.AvatarURL != nil {
		a := strings.TrimSpace(*u.AvatarURL)
		u.AvatarURL = &a
		if msg := checkImageURL(a); msg != "" {
			fields["avatar_url"] = msg
		}
	}
	if len(fields) > 0 {
		return &apperr.Error{Code: apperr.CodeInvalid, Message: "some fields are not valid", Fields: fields}
	}
	return nil
}

// checkImageURL allows "" (no avatar) or an absolute http(s) URL; other
// schemes (javascript:, data:) could run in the shop's pages.
func checkImageURL(a string) string {
	if a == "" {
		return ""
	}
	if len(a) > 512 {
		return "must be at most 512 characters"
	}
	u, err := url.Parse(a)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "must be an http(s) URL"
	}
	return ""
}

// UpdateProfile changes the shopper's nickname and/or avatar.
// Errors: invalid (nickname, avatar_url), not_found.
func (s *Service) UpdateProfile(ctx context.Context, shopperID int64, u ProfileUpdate) (*Profile, error) {
	if err := u.validate(); err != nil {
		return nil, err
	}
	var out *Profile
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		set := map[string]any{"updated_at": s.now()}
		if u.Nickname != nil {
			set["nickname"] = *u.Nickname
		}
		if u.AvatarURL != nil {
			set["avatar_url"] = *u.AvatarURL
		}
		res := tx.Model(&Shopper{}).Where("id = ?", shopperID).Updates(set)
		if err := database.Affected(res, apperr.NotFound("no such shopper"), "update profile"); err != nil {
			return err
		}
		var err error
		out, err = loadProfile(tx, shopperID)
		return err
	})
	return out, err
}
