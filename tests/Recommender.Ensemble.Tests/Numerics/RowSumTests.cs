using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Tests.Numerics;

public class RowSumTests
{
    [Fact]
    public void Sums_the_selected_rows_of_a_hand_worked_matrix()
    {
        // 3 × 2 matrix; rows 2, 0, 2 with scales 1, 2, 0.5 → [5,6]·1.5 + [1,2]·2 = [9.5, 13].
        float[] matrix = [1, 2, 3, 4, 5, 6];
        float[] target = [0, 0];

        RowSum.Accumulate(matrix, 2, [2, 0, 2], [1f, 2f, 0.5f], target);

        Assert.Equal([9.5f, 13f], target);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(17, 4)]
    [InlineData(33, 9)]
    [InlineData(1682, 83)]
    public void Agrees_with_a_double_precision_reference_for_widths_off_the_vector_size(int width, int rowCount)
    {
        var random = new Random(width * 7 + rowCount);
        const int matrixRows = 40;
        var matrix = Enumerable.Range(0, matrixRows * width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var rows = Enumerable.Range(0, rowCount).Select(_ => random.Next(matrixRows)).ToArray();
        var scales = rows.Select(_ => (float)random.NextDouble()).ToArray();
        var start = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = start.Select((s, j) => s + rows.Select((r, i) => (double)scales[i] * matrix[r * width + j]).Sum()).ToArray();
        var unscaled = start.Select((s, j) => s + rows.Sum(r => (double)matrix[r * width + j])).ToArray();

        var target = start.ToArray();
        RowSum.Accumulate(matrix, width, rows, scales, target);
        var ones = start.ToArray();
        RowSum.Accumulate(matrix, width, rows, [], ones);

        for (var j = 0; j < width; j++)
        {
            Assert.Equal(expected[j], target[j], 1e-4);
            Assert.Equal(unscaled[j], ones[j], 1e-4);
        }
    }

    [Fact]
    public void A_row_index_outside_the_matrix_is_refused()
    {
        var target = new float[2];
        Assert.Throws<ArgumentOutOfRangeException>(() => RowSum.Accumulate(new float[4], 2, [2], [], target));
    }
}
