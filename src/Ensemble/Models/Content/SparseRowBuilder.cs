using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>Builds a <see cref="CsrMatrix"/> one row at a time; each row's entries must arrive with ascending columns.</summary>
internal sealed class SparseRowBuilder
{
    private readonly int _columns;
    private readonly List<int> _rowPointers = [0];
    private readonly List<int> _columnIndices = [];
    private readonly List<float> _values = [];

    public SparseRowBuilder(int columns)
    {
        _columns = columns;
    }

    public int RowCount => _rowPointers.Count - 1;

    /// <summary>Adds one entry to the row being built; zeros are dropped.</summary>
    public void Add(int column, float value)
    {
        if ((uint)column >= (uint)_columns)
            throw new ArgumentOutOfRangeException(nameof(column), column, $"The matrix has {_columns} columns.");
        if (_columnIndices.Count > _rowPointers[^1] && _columnIndices[^1] >= column)
            throw new ArgumentException("Columns within a row must be strictly ascending.", nameof(column));
        if (value == 0)
            return;
        _columnIndices.Add(column);
        _values.Add(value);
    }

    public void EndRow() => _rowPointers.Add(_values.Count);

    public CsrMatrix Build() =>
        new(RowCount, _columns, _rowPointers.ToArray(), _columnIndices.ToArray(), _values.ToArray());
}
