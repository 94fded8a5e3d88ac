package database

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Take loads the first row q selects into a new T. When there is none it
// returns notFound (usually an *apperr.Error such as "no such order"), so
// the caller's client-facing answer stays its own. Any other failure is
// wrapped as fmt.Errorf(what+": %w", whatArgs..., err), e.g. "load order 7:
// ...". q is a ready query (Where, Order, locking clauses and context).
func Take[T any](q *gorm.DB, notFound error, what string, whatArgs ...any) (*T, error) {
	row, err := TakeOrNil[T](q, what, whatArgs...)
	if err == nil && row == nil {
		return nil, notFound
	}
	return row, err
}

// Affected checks the result of a statement meant for one existing row
// (an update by id, a no-op update that takes the row's lock): notFound
// when it touched no row, any other failure wrapped as Take wraps it.
func Affected(res *gorm.DB, notFound error, what string, whatArgs ...any) error {
	if res.Error != nil {
		return fmt.Errorf(what+": %w", append(whatArgs, res.Error)...)
	}
	if res.RowsAffected == 0 {
		return notFound
	}
	return nil
}

// TakeOrNil is Take for rows that may legitimately be absent: it returns
// nil, nil when q selects nothing.
func TakeOrNil[T any](q *gorm.DB, what string, whatArgs ...any) (*T, error) {
	var row T
	err := q.Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf(what+": %w", append(whatArgs, err)...)
	}
	return &row, nil
}
