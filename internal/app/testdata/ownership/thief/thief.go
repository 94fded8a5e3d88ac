// Package thief is a fixture of the table ownership test
// (internal/app/ownership_test.go): it writes tables it does not own in
// every way the scan reads, next to writes of its own table and look-alikes
// that write nothing. It is never built into Fenxiao.
//
// Tables: thief_notes.
package thief

import (
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"fenxiao/internal/shop/catalog"
	"fenxiao/internal/shop/order"
)

// Note is the fixture's own table.
type Note struct {
	ID int64
	N  int64
}

// TableName binds Note to its table.
func (Note) TableName() string { return "thief_notes" }

// Mark has no TableName: gorm names its table marks, which nobody owns.
type Mark struct{ ID int64 }

// Steal writes what it must not.
func Steal(tx *gorm.DB, anything any) error {
	tx.Create(&order.Order{})                                              // orders (Create)
	tx.Exec("UPDATE orders SET status = ? WHERE id = ?", "paid", 1)        // orders (UPDATE)
	tx.Exec(`INSERT INTO order_events (order_id, event) VALUES (?, ?)`, 1) // order_events (INSERT INTO)
	tx.Model(&order.Line{}).Where("id = ?", 1).Updates(map[string]any{"refunded_qty": 1})
	tx.Exec("DELETE FROM products WHERE id = ?", 1)
	tx.Table("products").Where("id = ?", 1).Update("sales", 2)
	q := tx.Model(&catalog.SKU{})
	q = q.Where("id = ?", 1)
	q.UpdateColumn("stock", 0)                                          // skus, through a variable (UpdateColumn)
	tx.Save(&[]catalog.SKU{{ID: 1}})                                    // skus, by the value's type (Save)
	tx.Create(&Mark{})                                                  // marks: gorm's default name, no owner
	tx.Delete(anything)                                                 // a table the scan cannot read
	return tx.Exec("INSERT INTO " + table() + " (id) VALUES (1)").Error // ditto
}

func table() string { return "orders" }

// Keep writes the fixture's own table and does things that write nothing.
func Keep(tx *gorm.DB) error {
	tx.Exec(`INSERT INTO thief_notes (id, n) VALUES (1, 1)
		ON CONFLICT (id) DO UPDATE SET n = thief_notes.n + 1`)
	notes(tx).Where("id = ?", 1).Update("n", 2)
	tx.Create(&[]Note{{ID: 2}})
	var ids []int64
	tx.Raw("SELECT id FROM orders WHERE id = ? FOR UPDATE", 1).Scan(&ids)
	tx.Raw("SELECT id FROM distributors WHERE id IN ? ORDER BY id FOR NO KEY UPDATE", ids).Scan(&ids)
	tx.Model(&order.Order{}).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", 1).Find(&ids)
	return fmt.Errorf("update order %d: delete from the cart failed", 1)
}

func notes(tx *gorm.DB) *gorm.DB { return tx.Model(&Note{}) }
