package export

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/xuri/excelize/v2"

	"fenxiao/internal/platform/money"
	"fenxiao/internal/platform/page"
)

// batchRows is how many rows one cursor window reads; progress is saved
// after each window.
var batchRows = 1000

// writeSheet streams every row of w into a new workbook at path, calling
// progress with the running row count after each window. The stream
// writer spills to a temporary file, so memory stays flat however many
// rows there are.
func writeSheet(ctx context.Context, path string, src Source, w Walk, progress func(done int64) error) (int64, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := src.Title()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return 0, fmt.Errorf("name sheet: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return 0, fmt.Errorf("open stream writer: %w", err)
	}
	yuanStyle, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // built-in "0.00"
	if err != nil {
		return 0, fmt.Errorf("money style: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return 0, fmt.Errorf("header style: %w", err)
	}
	header := src.Header()
	if err := sw.SetColWidth(1, len(header), 18); err != nil {
		return 0, fmt.Errorf("column width: %w", err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return 0, fmt.Errorf("freeze header: %w", err)
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return 0, fmt.Errorf("write header: %w", err)
	}
	var done int64
	cursor := page.Cursor{Limit: batchRows}
	for {
		if err := ctx.Err(); err != nil {
			return done, err
		}
		rows, last, err := w.Next(ctx, cursor)
		if err != nil {
			return done, fmt.Errorf("read rows after %d: %w", cursor.Before, err)
		}
		if len(rows) == 0 {
			break
		}
		for _, row := range rows {
			done++
			ref, _ := excelize.CoordinatesToCellName(1, int(done)+1)
			if err := sw.SetRow(ref, cellsOf(row, yuanStyle)); err != nil {
				return done, fmt.Errorf("write row %d: %w", done, err)
			}
		}
		if err := progress(done); err != nil {
			return done, err
		}
		cursor.Before = last
	}
	if err := sw.Flush(); err != nil {
		return done, fmt.Errorf("flush sheet: %w", err)
	}
	return done, save(f, path)
}

// cellsOf turns Yuan values into styled numeric cells.
func cellsOf(row []any, yuanStyle int) []any {
	out := make([]any, len(row))
	for i, v := range row {
		if y, ok := v.(Yuan); ok {
			out[i] = excelize.Cell{StyleID: yuanStyle, Value: yuanValue(money.Fen(y))}
			continue
		}
		out[i] = v
	}
	return out
}

// yuanValue is the cell value of f in yuan. Excel has only double
// numbers, so the cell must be one; it is parsed from the exact decimal
// text (money.Fen.Yuan), never computed in floating point, and excelize
// writes it back as the shortest text that round-trips, which is that same
// decimal (TestYuanCellsAreExactDecimals). Nothing ever reads it back as
// money.
func yuanValue(f money.Fen) float64 {
	v, err := strconv.ParseFloat(f.Yuan(), 64)
	if err != nil {
		panic("money.Fen.Yuan produced " + f.Yuan()) // cannot happen: Yuan prints digits
	}
	return v
}

// save writes the workbook to path (SaveAs insists on an .xlsx name; the
// file is written under a temporary one).
func save(f *excelize.File, path string) error {
	out, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return fmt.Errorf("create workbook file: %w", err)
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return fmt.Errorf("write workbook: %w", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return fmt.Errorf("sync workbook: %w", err)
	}
	return out.Close()
}
