namespace Recommender.Ensemble.Data;

/// <summary>
/// Compressed sparse rows: row r's column indices are Columns[RowPointers[r]..RowPointers[r+1]), sorted ascending,
/// with the matching Values. Immutable once built.
/// </summary>
public sealed class CsrMatrix
{
    public CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        if (rowPointers.Length != rows + 1)
            throw new ArgumentException($"rowPointers must have {rows + 1} entries.", nameof(rowPointers));
        if (columnIndices.Length != values.Length || rowPointers[rows] != values.Length)
            throw new ArgumentException("columnIndices and values must hold rowPointers[rows] entries.");
        RowCount = rows;
        ColumnCount = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    public int RowCount { get; }
    public int ColumnCount { get; }
    public int[] RowPointers { get; }
    public int[] ColumnIndices { get; }
    public float[] Values { get; }
    public int NonZeroCount => Values.Length;

    public ReadOnlySpan<int> RowIndices(int row) =>
        ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    public ReadOnlySpan<float> RowValues(int row) =>
        Values.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    public int RowLength(int row) => RowPointers[row + 1] - RowPointers[row];

    /// <summary>
    /// Builds a matrix from coordinate triples; duplicate (row, column) pairs are summed.
    /// </summary>
    public static CsrMatrix FromCoordinates(int rows, int columns, ReadOnlySpan<int> rowIndex, ReadOnlySpan<int> columnIndex, ReadOnlySpan<float> value)
    {
        var counts = new int[rows + 1];
        for (var i = 0; i < rowIndex.Length; i++)
            counts[rowIndex[i] + 1]++;
        for (var r = 0; r < rows; r++)
            counts[r + 1] += counts[r];
        var cursor = counts.AsSpan(0, rows).ToArray();
        var cols = new int[rowIndex.Length];
        var vals = new float[rowIndex.Length];
        for (var i = 0; i < rowIndex.Length; i++)
        {
            var at = cursor[rowIndex[i]]++;
            cols[at] = columnIndex[i];
            vals[at] = value[i];
        }

        // Sort each row by column and merge duplicates in place, then compact.
        var write = 0;
        var pointers = new int[rows + 1];
        for (var r = 0; r < rows; r++)
        {
            var start = counts[r];
            var length = counts[r + 1] - start;
            var rowCols = cols.AsSpan(start, length);
            var rowVals = vals.AsSpan(start, length);
            rowCols.Sort(rowVals);
            pointers[r] = write;
            for (var j = 0; j < length; j++)
            {
                if (write > pointers[r] && cols[write - 1] == rowCols[j])
                {
                    vals[write - 1] += rowVals[j];
                    continue;
                }
                cols[write] = rowCols[j];
                vals[write] = rowVals[j];
                write++;
            }
        }
        pointers[rows] = write;
        if (write != cols.Length)
        {
            Array.Resize(ref cols, write);
            Array.Resize(ref vals, write);
        }
        return new CsrMatrix(rows, columns, pointers, cols, vals);
    }

    public CsrMatrix Transpose()
    {
        var pointers = new int[ColumnCount + 1];
        foreach (var c in ColumnIndices)
            pointers[c + 1]++;
        for (var c = 0; c < ColumnCount; c++)
            pointers[c + 1] += pointers[c];
        var cursor = pointers.AsSpan(0, ColumnCount).ToArray();
        var rows = new int[NonZeroCount];
        var vals = new float[NonZeroCount];
        // Rows are visited in ascending order, so each transposed row comes out sorted.
        for (var r = 0; r < RowCount; r++)
        {
            for (var p = RowPointers[r]; p < RowPointers[r + 1]; p++)
            {
                var at = cursor[ColumnIndices[p]]++;
                rows[at] = r;
                vals[at] = Values[p];
            }
        }
        return new CsrMatrix(ColumnCount, RowCount, pointers, rows, vals);
    }
}
