package export

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/warta-id/warta/query"
)

// RowGroupRows is the most rows a Parquet row group holds; a row group is
// the unit the writer keeps in memory.
const RowGroupRows = 10000

// rowGroupRows is RowGroupRows, smaller in tests.
var rowGroupRows = RowGroupRows

// parquetBatch is how many rows are handed to the Parquet writer at once.
const parquetBatch = 500

func writeParquet(ctx context.Context, db *sql.DB, f query.Filter, w io.Writer) (int, error) {
	pw := parquet.NewGenericWriter[Row](w,
		parquet.MaxRowsPerRowGroup(int64(rowGroupRows)),
		parquet.Compression(&parquet.Snappy), // the codec every reader has
	)
	n, inGroup := 0, 0
	batch := make([]Row, 0, parquetBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := pw.Write(batch); err != nil {
			return fmt.Errorf("events %d to %d: write: %w", batch[0].ID, batch[len(batch)-1].ID, err)
		}
		n += len(batch)
		inGroup += len(batch)
		batch = batch[:0]
		if inGroup >= rowGroupRows {
			inGroup = 0
			if err := pw.Flush(); err != nil {
				return fmt.Errorf("write row group: %w", err)
			}
		}
		return nil
	}
	err := eachEvent(ctx, db, f, func(ev query.Event) error {
		batch = append(batch, NewRow(ev))
		// Never let a batch cross a row group boundary, so that every
		// group but the last has exactly rowGroupRows rows.
		if len(batch) == parquetBatch || inGroup+len(batch) == rowGroupRows {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, err
	}
	if err := pw.Close(); err != nil {
		return n, fmt.Errorf("write: %w", err)
	}
	return n, nil
}
