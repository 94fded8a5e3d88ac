package app

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"gorm.io/gorm/schema"
)

// Table ownership: every table has exactly one owning package, named by a
// "Tables: a, b, c." line in that package's doc comment (the only list of
// owners there is), and only the owner writes it. Other packages call the
// owner's transaction-scoped functions (catalog.TakeStock(tx, ...),
// ledger.PostMany(tx, ...)); the read models (readmodel/...) read any table
// and write only their own.
//
// The test reads the source, not a running database: SQL in string
// literals (INSERT INTO t, UPDATE t ... SET, DELETE FROM t; an upsert is
// its INSERT) and gorm writes (Create, Save, Update, Updates, UpdateColumn,
// UpdateColumns, Delete, CreateInBatches, FirstOrCreate), whose table comes
// from .Model(&T{}) or .Table("t") in the call chain (followed through
// local variables and same-package functions returning *gorm.DB) or else
// from the written value's type: its TableName() literal, or gorm's
// default name. A write whose table cannot be read is a failure too, so
// nothing slips past by being indirect.

// unscanned are packages that are not the application: test support,
// which seeds fixtures straight into any table (testkit's set-based scale
// seeding is the point of it).
var unscanned = []string{"fenxiao/internal/testkit", "fenxiao/internal/testkit/scenario"}

// runnerTables are tables no migration creates, with their owners: the
// migration runner creates schema_migrations before any migration runs.
// (River's tables are platform/jobs' "river_*".)
var runnerTables = map[string]string{"schema_migrations": "fenxiao/internal/platform/database"}

func TestTableOwnership(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads and type-checks every package")
	}
	pkgs := loadForOwnership(t, "fenxiao/internal/...")
	owners, problems := tableOwners(pkgs)
	for table, pkg := range runnerTables {
		if prev, ok := owners[table]; ok {
			problems = append(problems, fmt.Sprintf("table %s is owned by both %s and %s", table, prev, pkg))
		}
		owners[table] = pkg
	}
	migrated := migratedTables(t, "../../migrations")
	problems = append(problems, checkOwnersCoverTables(owners, migrated)...)
	scanned := 0
	for _, p := range pkgs {
		if slices.Contains(unscanned, p.PkgPath) {
			continue
		}
		ws := scanWrites(p, pkgs, owners)
		scanned += len(ws)
		problems = append(problems, checkWrites(p, owners, ws)...)
	}
	for _, p := range problems {
		t.Error(p)
	}
	if scanned < 100 {
		t.Errorf("the scan found only %d writes: it no longer reads the code", scanned)
	}
	t.Logf("%d writes in %d packages, %d owned tables", scanned, len(pkgs)-len(unscanned), len(owners))
}

// TestTableOwnershipCatchesForeignWrites runs the same scan on a fixture
// package that writes tables it does not own in every way the scan knows,
// next to writes and look-alikes that are fine.
func TestTableOwnershipCatchesForeignWrites(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("loads and type-checks packages")
	}
	const thief = "fenxiao/internal/app/testdata/ownership/thief"
	pkgs := loadForOwnership(t, "./testdata/ownership/thief", "fenxiao/internal/shop/order", "fenxiao/internal/shop/catalog")
	owners, problems := tableOwners(pkgs)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var got []string
	for _, p := range pkgs {
		if p.PkgPath == thief {
			for _, msg := range checkWrites(p, owners, scanWrites(p, pkgs, owners)) {
				_, what, _ := strings.Cut(msg, ": ") // drop the position
				got = append(got, what)
			}
		}
	}
	sort.Strings(got)
	want := []string{
		thief + " writes a table the scan cannot read (Delete)",
		thief + " writes a table the scan cannot read (INSERT INTO)",
		thief + " writes marks, which no package owns (Create)",
		thief + " writes order_events, owned by fenxiao/internal/shop/order (INSERT INTO)",
		thief + " writes order_lines, owned by fenxiao/internal/shop/order (Updates)",
		thief + " writes orders, owned by fenxiao/internal/shop/order (Create)",
		thief + " writes orders, owned by fenxiao/internal/shop/order (UPDATE)",
		thief + " writes products, owned by fenxiao/internal/shop/catalog (DELETE FROM)",
		thief + " writes products, owned by fenxiao/internal/shop/catalog (Update)",
		thief + " writes skus, owned by fenxiao/internal/shop/catalog (Save)",
		thief + " writes skus, owned by fenxiao/internal/shop/catalog (UpdateColumn)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("scan of the fixture:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

func loadForOwnership(t *testing.T, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
		packages.NeedTypes | packages.NeedTypesInfo}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatalf("load packages: %v", err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages do not load")
	}
	return pkgs
}

// ownerLine is the doc comment line naming a package's tables.
var ownerLine = regexp.MustCompile(`^Tables: ([a-z0-9_*]+(?:, [a-z0-9_*]+)*)\.$`)

// tableOwners reads the "Tables:" lines of the package docs.
func tableOwners(pkgs []*packages.Package) (map[string]string, []string) {
	owners := map[string]string{}
	var problems []string
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			if f.Doc == nil {
				continue
			}
			for _, line := range strings.Split(f.Doc.Text(), "\n") {
				if !strings.HasPrefix(line, "Tables:") {
					continue
				}
				m := ownerLine.FindStringSubmatch(line)
				if m == nil {
					problems = append(problems, fmt.Sprintf("%s: doc line %q is not \"Tables: a, b.\"", p.PkgPath, line))
					continue
				}
				for _, table := range strings.Split(m[1], ", ") {
					if prev, ok := owners[table]; ok {
						problems = append(problems, fmt.Sprintf("table %s is owned by both %s and %s", table, prev, p.PkgPath))
					}
					owners[table] = p.PkgPath
				}
			}
		}
	}
	return owners, problems
}

// checkOwnersCoverTables: every migrated table has an owner and every
// owner names a migrated table, the migration runner's schema_migrations
// or River's tables (a "river_*" entry: River creates and writes them).
func checkOwnersCoverTables(owners map[string]string, migrated map[string]bool) []string {
	var problems []string
	for table := range migrated {
		if _, ok := owners[table]; !ok {
			problems = append(problems, "table "+table+" has no owner (a \"Tables:\" line in its package's doc)")
		}
	}
	for table, pkg := range owners {
		switch {
		case migrated[table], table == "schema_migrations", table == "river_*":
		default:
			problems = append(problems, pkg+" owns "+table+", which no migration creates")
		}
	}
	sort.Strings(problems)
	return problems
}

var (
	createTable = regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?(\w+)`)
	dropTable   = regexp.MustCompile(`(?i)DROP TABLE (?:IF EXISTS )?(\w+)`)
	renameTable = regexp.MustCompile(`(?i)ALTER TABLE (\w+) RENAME TO (\w+)`)
)

// migratedTables are the tables the migrations of both dialects leave,
// which must be the same.
func migratedTables(t *testing.T, dir string) map[string]bool {
	t.Helper()
	var sets []map[string]bool
	for _, dialect := range []string{"sqlite", "postgres"} {
		files, err := filepath.Glob(filepath.Join(dir, dialect, "*.sql"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no %s migrations in %s: %v", dialect, dir, err)
		}
		sort.Strings(files)
		tables := map[string]bool{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, stmt := range strings.Split(string(b), ";") {
				if m := createTable.FindStringSubmatch(stmt); m != nil {
					tables[strings.ToLower(m[1])] = true
				}
				if m := dropTable.FindStringSubmatch(stmt); m != nil {
					delete(tables, strings.ToLower(m[1]))
				}
				if m := renameTable.FindStringSubmatch(stmt); m != nil {
					delete(tables, strings.ToLower(m[1]))
					tables[strings.ToLower(m[2])] = true
				}
			}
		}
		sets = append(sets, tables)
	}
	if !mapsEqual(sets[0], sets[1]) {
		t.Fatalf("the dialects' migrations leave different tables: %v vs %v", sets[0], sets[1])
	}
	return sets[0]
}

func mapsEqual(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// write is one place a package writes a table; table "" is a write whose
// table the scan cannot read.
type write struct {
	pos   token.Position
	table string
	how   string
}

// ownerOf is the owner of table: an exact entry, or a "prefix_*" one.
func ownerOf(owners map[string]string, table string) (string, bool) {
	if owner, ok := owners[table]; ok {
		return owner, true
	}
	for entry, owner := range owners {
		if prefix, ok := strings.CutSuffix(entry, "*"); ok && strings.HasPrefix(table, prefix) {
			return owner, true
		}
	}
	return "", false
}

func checkWrites(p *packages.Package, owners map[string]string, ws []write) []string {
	var problems []string
	for _, w := range ws {
		owner, ok := ownerOf(owners, w.table)
		switch {
		case w.table == "":
			problems = append(problems, fmt.Sprintf("%s: %s writes a table the scan cannot read (%s)", w.pos, p.PkgPath, w.how))
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: %s writes %s, which no package owns (%s)", w.pos, p.PkgPath, w.table, w.how))
		case owner != p.PkgPath:
			problems = append(problems, fmt.Sprintf("%s: %s writes %s, owned by %s (%s)", w.pos, p.PkgPath, w.table, owner, w.how))
		}
	}
	return problems
}

// SQL writes in string literals. An UPDATE must be followed by its table
// and SET (so FOR UPDATE, FOR NO KEY UPDATE and DO UPDATE SET are not
// writes of a table named SET); an upsert is the write of its INSERT.
var (
	sqlWrite = regexp.MustCompile(`(?i)\b(INSERT\s+(?:OR\s+[a-z]+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+"?([a-z_][a-z0-9_]*)` +
		`|\b(UPDATE)\s+(?:ONLY\s+)?"?([a-z_][a-z0-9_]*)"?(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?\s+SET\b`)
	// dangling is a write keyword ending a literal: its table is built at
	// run time.
	dangling = regexp.MustCompile(`\b(INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM|UPDATE(?:\s+ONLY)?)\s*$`)
	// notAStatement is what may come before an UPDATE that is not one.
	notAStatement = regexp.MustCompile(`(?i)\b(FOR|KEY|DO|ON)\s*$`)
)

var gormWrites = map[string]bool{"Create": true, "Save": true, "Update": true, "Updates": true, "UpdateColumn": true,
	"UpdateColumns": true, "Delete": true, "CreateInBatches": true, "FirstOrCreate": true}

// scanWrites finds every write in p's (non-test) files. SQL is written in
// capitals here; a lower-case match counts only when it names a table of
// owners, so prose in messages ("delete from the cart") is not a write.
func scanWrites(p *packages.Package, all []*packages.Package, owners map[string]string) []write {
	s := &scanner{p: p, tableNames: tableNameLiterals(all), owners: owners}
	for _, f := range p.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				// clause.Locking{Strength: "UPDATE"} is a lock, not a write.
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Strength" {
					return false
				}
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					s.sqlLiteral(n)
				}
			case *ast.CallExpr:
				s.gormCall(f, n)
			}
			return true
		})
	}
	return s.out
}

type scanner struct {
	p          *packages.Package
	tableNames map[string]string // "pkgpath.Type" -> its TableName() literal
	owners     map[string]string
	out        []write
}

func (s *scanner) sqlLiteral(lit *ast.BasicLit) {
	text, err := strconv.Unquote(lit.Value)
	if err != nil {
		return
	}
	pos := s.p.Fset.Position(lit.Pos())
	for _, m := range sqlWrite.FindAllStringSubmatchIndex(text, -1) {
		var keyword, table string
		if m[2] >= 0 {
			keyword, table = text[m[2]:m[3]], text[m[4]:m[5]]
		} else {
			keyword, table = text[m[6]:m[7]], text[m[8]:m[9]]
			if strings.EqualFold(table, "SET") || notAStatement.MatchString(text[:m[6]]) {
				continue
			}
		}
		table = strings.ToLower(table)
		if _, known := ownerOf(s.owners, table); keyword != strings.ToUpper(keyword) && !known {
			continue // prose
		}
		s.out = append(s.out, write{pos, table, strings.ToUpper(strings.Join(strings.Fields(keyword), " "))})
	}
	if m := dangling.FindStringSubmatchIndex(text); m != nil {
		if !strings.HasPrefix(text[m[2]:m[3]], "UPDATE") || !notAStatement.MatchString(text[:m[2]]) {
			s.out = append(s.out, write{pos, "", text[m[2]:m[3]]})
		}
	}
}

// gormCall records a gorm write method called on a *gorm.DB.
func (s *scanner) gormCall(f *ast.File, call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !gormWrites[sel.Sel.Name] || !isGormDB(s.p.TypesInfo.TypeOf(sel.X)) {
		return
	}
	pos := s.p.Fset.Position(call.Pos())
	tables := s.chainTables(f, sel.X, map[ast.Expr]bool{})
	if len(tables) == 0 && len(call.Args) > 0 {
		switch sel.Sel.Name {
		case "Update", "UpdateColumn": // (column, value): the value names no table
		default:
			if table := s.typeTable(s.p.TypesInfo.TypeOf(call.Args[0])); table != "" {
				tables = []string{table}
			}
		}
	}
	if len(tables) == 0 {
		tables = []string{""}
	}
	for _, table := range tables {
		s.out = append(s.out, write{pos, table, sel.Sel.Name})
	}
}

// chainTables are the tables .Model or .Table name in the chain of calls
// that produced e, following local variables and functions of the package.
func (s *scanner) chainTables(f *ast.File, e ast.Expr, seen map[ast.Expr]bool) []string {
	if seen[e] {
		return nil
	}
	seen[e] = true
	info := s.p.TypesInfo
	switch e := e.(type) {
	case *ast.ParenExpr:
		return s.chainTables(f, e.X, seen)
	case *ast.CallExpr:
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok && isGormDB(info.TypeOf(sel.X)) {
			switch sel.Sel.Name {
			case "Model":
				if t := s.typeTable(info.TypeOf(e.Args[0])); t != "" {
					return []string{t}
				}
				return []string{""}
			case "Table":
				if tv, ok := info.Types[e.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
					name, _, _ := strings.Cut(constant.StringVal(tv.Value), " ")
					return []string{strings.ToLower(name)}
				}
				return []string{""}
			}
			return s.chainTables(f, sel.X, seen)
		}
		// A function of this package returning *gorm.DB: its returns.
		var id *ast.Ident
		switch fn := e.Fun.(type) {
		case *ast.Ident:
			id = fn
		case *ast.SelectorExpr:
			id = fn.Sel
		}
		if id == nil {
			return nil
		}
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || fn.Pkg() != s.p.Types {
			return nil
		}
		var out []string
		for _, file := range s.p.Syntax {
			for _, d := range file.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil || info.Defs[fd.Name] != fn {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if _, ok := n.(*ast.FuncLit); ok {
						return false
					}
					if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 && isGormDB(info.TypeOf(r.Results[0])) {
						out = append(out, s.chainTables(file, r.Results[0], seen)...)
					}
					return true
				})
			}
		}
		return out
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		if !ok || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			return nil // a parameter, field or package variable: the chain starts here
		}
		var out []string
		ast.Inspect(f, func(n ast.Node) bool {
			a, ok := n.(*ast.AssignStmt)
			if !ok || len(a.Lhs) != len(a.Rhs) {
				return true
			}
			for i, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok && (info.Defs[id] == v || info.Uses[id] == v) {
					out = append(out, s.chainTables(f, a.Rhs[i], seen)...)
				}
			}
			return true
		})
		return out
	}
	return nil
}

// typeTable is the table gorm writes for a value of type t: the TableName
// literal of its (element) type, else gorm's default name.
func (s *scanner) typeTable(t types.Type) string {
	for {
		switch u := t.(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Array:
			t = u.Elem()
			continue
		}
		break
	}
	named, ok := t.(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return ""
	}
	key := named.Obj().Pkg().Path() + "." + named.Obj().Name()
	if name, ok := s.tableNames[key]; ok {
		return name
	}
	return schema.NamingStrategy{}.TableName(named.Obj().Name())
}

// tableNameLiterals maps each type with a TableName method returning a
// string literal to that literal.
func tableNameLiterals(pkgs []*packages.Package) map[string]string {
	out := map[string]string{}
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Recv == nil || fd.Name.Name != "TableName" || fd.Body == nil || len(fd.Body.List) != 1 {
					continue
				}
				r, ok := fd.Body.List[0].(*ast.ReturnStmt)
				if !ok || len(r.Results) != 1 {
					continue
				}
				tv := p.TypesInfo.Types[r.Results[0]]
				if tv.Value == nil || tv.Value.Kind() != constant.String {
					continue
				}
				recv := p.TypesInfo.TypeOf(fd.Recv.List[0].Type)
				if ptr, ok := recv.(*types.Pointer); ok {
					recv = ptr.Elem()
				}
				if named, ok := recv.(*types.Named); ok {
					out[p.PkgPath+"."+named.Obj().Name()] = constant.StringVal(tv.Value)
				}
			}
		}
	}
	return out
}

func isGormDB(t types.Type) bool {
	ptr, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := ptr.Elem().(*types.Named)
	return ok && named.Obj().Name() == "DB" && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "gorm.io/gorm"
}
