using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models.Content;

/// <summary>
/// Side-by-side concatenation of feature blocks (word n-grams, character n-grams, categories, metadata) into one
/// sparse item × feature matrix. Each block's row is scaled to L2 norm = the block's weight, so the weights say
/// exactly how much each kind of evidence contributes to an item's cosine similarities.
/// </summary>
internal static class FeatureBlocks
{
    /// <param name="blocks">Blocks over the same source rows; null blocks are skipped.</param>
    /// <param name="targetRows">Output row of each source row; output rows no source row maps to stay empty.</param>
    public static CsrMatrix Concatenate(IReadOnlyList<(CsrMatrix? Block, float Weight)> blocks, IReadOnlyList<int> targetRows, int rowCount)
    {
        var used = blocks.Where(b => b.Block is not null && b.Weight > 0).Select(b => (Block: b.Block!, b.Weight)).ToArray();
        foreach (var (block, _) in used)
        {
            if (block.RowCount != targetRows.Count)
                throw new ArgumentException($"Every block must have {targetRows.Count} rows.", nameof(blocks));
        }
        var sourceOf = new int[rowCount];
        Array.Fill(sourceOf, -1);
        for (var source = 0; source < targetRows.Count; source++)
            sourceOf[targetRows[source]] = source;

        var builder = new SparseRowBuilder(used.Sum(b => b.Block.ColumnCount));
        for (var row = 0; row < rowCount; row++)
        {
            var source = sourceOf[row];
            if (source >= 0)
            {
                var offset = 0;
                foreach (var (block, weight) in used)
                {
                    AppendScaled(builder, block, source, offset, weight);
                    offset += block.ColumnCount;
                }
            }
            builder.EndRow();
        }
        return builder.Build();
    }

    private static void AppendScaled(SparseRowBuilder builder, CsrMatrix block, int row, int offset, float weight)
    {
        var values = block.RowValues(row);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(values);
        if (!(norm > 0))
            return;
        var scale = weight / norm;
        var columns = block.RowIndices(row);
        for (var p = 0; p < columns.Length; p++)
            builder.Add(offset + columns[p], values[p] * scale);
    }
}
