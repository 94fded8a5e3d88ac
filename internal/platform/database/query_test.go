package database_test

import (
	"reflect"
	"testing"

	"fenxiao/internal/platform/database"
	"fenxiao/internal/testkit"
)

func TestContainsPattern(t *testing.T) {
	t.Parallel()
	cases := []struct{ term, want string }{
		{"Tea", "%tea%"},
		{"100%", `%100\%%`},
		{"a_b", `%a\_b%`},
		{`back\slash`, `%back\\slash%`},
		{"", "%%"},
		{`50%_Off\`, `%50\%\_off\\%`},
	}
	for _, tc := range cases {
		if got := database.ContainsPattern(tc.term); got != tc.want {
			t.Errorf("ContainsPattern(%q) = %q, want %q", tc.term, got, tc.want)
		}
	}
}

type item struct {
	ID     int64
	Name   string
	Status string
}

func TestContainsPatternAndCountGroupedOnBothDialects(t *testing.T) {
	t.Parallel()
	testkit.ForEachDB(t, func(t *testing.T, dbURL string) {
		g := openWith(t, dbURL, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(32) NOT NULL, status VARCHAR(16) NOT NULL)",
			`INSERT INTO items (id, name, status) VALUES
			(1, 'Green Tea', 'on'), (2, '100% juice', 'on'), (3, '1000 juice', 'off'), (4, 'a_b', 'on'), (5, 'axb', 'off')`)
		search := []struct {
			term string
			want []int64
		}{
			{"TEA", []int64{1}},
			{"100%", []int64{2}}, // % is literal: not "1000 juice"
			{"a_b", []int64{4}},  // _ is literal: not "axb"
			{"juice", []int64{2, 3}},
		}
		for _, tc := range search {
			var ids []int64
			err := g.Model(&item{}).Where(`LOWER(name) LIKE ? ESCAPE '\'`, database.ContainsPattern(tc.term)).Order("id").Pluck("id", &ids).Error
			if err != nil || !reflect.DeepEqual(ids, tc.want) {
				t.Errorf("search %q: got %v, %v; want %v", tc.term, ids, err, tc.want)
			}
		}
		got, err := database.CountGrouped(g.Model(&item{}), "status", []string{"on", "off", "gone"}, "count items")
		want := map[string]int64{"on": 3, "off": 2, "gone": 0}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("CountGrouped = %v, %v; want %v", got, err, want)
		}
		if _, err := database.CountGrouped(g.Table("no_such_table"), "status", []string{"on"}, "count items"); err == nil {
			t.Fatal("CountGrouped on a missing table: want an error")
		}
	})
}
