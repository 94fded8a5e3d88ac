package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/platform/sealed"
)

// row is one provider's stored credentials: the public part as JSON, the
// secrets as one sealed JSON object.
type row struct {
	Provider   string `gorm:"primaryKey"`
	PublicJSON string `gorm:"column:public_json"`
	Secrets    string
	UpdatedBy  int64
	UpdatedAt  time.Time
}

func (row) TableName() string { return "payment_credentials" }

// secretHolder is a credential set with secret fields (*WeChatPay, *Alipay).
type secretHolder interface{ secrets() []secretField }

func loadRow(ctx context.Context, db *gorm.DB, provider string) (*row, error) {
	return database.TakeOrNil[row](db.WithContext(ctx).Where("provider = ?", provider), "load %s credentials", provider)
}

// encode splits c into its public JSON (secrets blanked) and its sealed
// secrets. c is a copy the caller may not reuse.
func encode(box *sealed.Box, c secretHolder) (public, secrets string, err error) {
	values := map[string]string{}
	for _, f := range c.secrets() {
		values[f.name] = *f.ptr
		*f.ptr = ""
	}
	pub, err := json.Marshal(c)
	if err != nil {
		return "", "", fmt.Errorf("encode credentials: %w", err)
	}
	sec, err := json.Marshal(values)
	if err != nil {
		return "", "", fmt.Errorf("encode secrets: %w", err)
	}
	return string(pub), box.Seal(string(sec)), nil
}

// decode fills dst from r, opening the secrets with box.
// Errors: sealed.ErrOpen (another server secret, or tampered).
func decode(box *sealed.Box, r *row, dst secretHolder) error {
	if err := json.Unmarshal([]byte(r.PublicJSON), dst); err != nil {
		return fmt.Errorf("decode %s credentials: %w", r.Provider, err)
	}
	plain, err := box.Open(r.Secrets)
	if err != nil {
		return err
	}
	values := map[string]string{}
	if err := json.Unmarshal([]byte(plain), &values); err != nil {
		return fmt.Errorf("decode %s secrets: %w", r.Provider, err)
	}
	for _, f := range dst.secrets() {
		*f.ptr = values[f.name]
	}
	return nil
}

func saveRow(ctx context.Context, tx *gorm.DB, r row) error {
	err := tx.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "provider"}},
		DoUpdates: clause.AssignmentColumns([]string{"public_json", "secrets", "updated_by", "updated_at"}),
	}).Create(&r).Error
	if err != nil {
		return fmt.Errorf("save %s credentials: %w", r.Provider, err)
	}
	return nil
}

func deleteRow(ctx context.Context, tx *gorm.DB, provider string) (bool, error) {
	res := tx.WithContext(ctx).Where("provider = ?", provider).Delete(&row{})
	if res.Error != nil {
		return false, fmt.Errorf("delete %s credentials: %w", provider, res.Error)
	}
	return res.RowsAffected > 0, nil
}
