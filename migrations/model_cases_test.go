package migrations_test

import "testing"

// TestCompareSchemasNamesEachDrift changes one thing at a time in a copy
// of a small schema and expects exactly that fact to be reported.
func TestCompareSchemasNamesEachDrift(t *testing.T) {
	t.Parallel()
	base := func() dbSchema {
		return dbSchema{
			"orders": {
				Columns: []dbColumn{
					{Name: "id", Kind: "int", NotNull: true, Serial: true},
					{Name: "status", Kind: "text", NotNull: true, Default: "'new'"},
					{Name: "shopper_id", Kind: "int", NotNull: true},
				},
				PrimaryKey:  []string{"id"},
				Indexes:     []dbIndex{{Name: "orders_open", Columns: []string{"shopper_id"}, Unique: true, Where: "STATUS = 'new'"}},
				ForeignKeys: []dbForeignKey{{Columns: []string{"shopper_id"}, RefTable: "shoppers", RefColumns: []string{"id"}}},
			},
		}
	}
	cases := []struct {
		name   string
		change func(s dbSchema)
		want   string
	}{
		{"nullable", func(s dbSchema) { s["orders"].Columns[2].NotNull = false }, "column orders.shopper_id"},
		{"kind", func(s dbSchema) { s["orders"].Columns[1].Kind = "int" }, "column orders.status"},
		{"default", func(s dbSchema) { s["orders"].Columns[1].Default = "" }, "column orders.status"},
		{"numbering", func(s dbSchema) { s["orders"].Columns[0].Serial = false }, "column orders.id"},
		{"missing column", func(s dbSchema) { s["orders"].Columns = s["orders"].Columns[:2] }, "column orders.shopper_id"},
		{"primary key", func(s dbSchema) { s["orders"].PrimaryKey = []string{"id", "status"} }, "primary key orders"},
		{"index predicate", func(s dbSchema) { s["orders"].Indexes[0].Where = "" }, "index orders.orders_open"},
		{"index uniqueness", func(s dbSchema) { s["orders"].Indexes[0].Unique = false }, "index orders.orders_open"},
		{"index columns", func(s dbSchema) { s["orders"].Indexes[0].Columns = []string{"shopper_id DESC"} }, "index orders.orders_open"},
		{"missing index", func(s dbSchema) { s["orders"].Indexes = nil }, "index orders.orders_open"},
		{"foreign key", func(s dbSchema) { s["orders"].ForeignKeys[0].OnDelete = "CASCADE" }, "foreign key orders(shopper_id)"},
		{"unique constraint", func(s dbSchema) {
			s["orders"].Indexes = append(s["orders"].Indexes, dbIndex{Columns: []string{"status"}, Unique: true})
		}, "unique constraint orders(status)"},
		{"extra table", func(s dbSchema) { s["carts"] = &dbTable{} }, "table carts"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			changed := base()
			c.change(changed)
			for _, pair := range [][2]dbSchema{{base(), changed}, {changed, base()}} {
				got := compareSchemas(pair[0], pair[1])
				if len(got) == 0 || got[0].What != c.want {
					t.Fatalf("got %v, want a drift of %q first", got, c.want)
				}
			}
		})
	}
	if d := compareSchemas(base(), base()); len(d) != 0 {
		t.Errorf("equal schemas differ: %v", d)
	}
}
