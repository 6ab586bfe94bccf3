using Recommender.Ensemble.Numerics;

namespace Recommender.Ensemble.Tests.Numerics;

public class OrthonormalizationTests
{
    [Theory]
    [InlineData(50, 5)]
    [InlineData(9_000, 6)]
    [InlineData(300_000, 3)]
    public void Q_is_orthonormal_QR_reproduces_the_panel_and_a_dependent_column_becomes_zero(int rows, int columns)
    {
        // Columns are random except the last, which is column 0 + 2 · column 1 and so adds nothing to the span.
        var random = new Random(rows);
        var panel = new float[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < columns - 1; c++)
                panel[i * columns + c] = (float)(random.NextDouble() * 2 - 1) + (c == 0 ? 3f : 0f);
            panel[i * columns + columns - 1] = panel[i * columns] + 2 * panel[i * columns + 1];
        }
        var original = (float[])panel.Clone();

        var r = Orthonormalization.Orthonormalize(panel, rows, columns, TestContext.Current.CancellationToken);

        for (var a = 0; a < columns; a++)
        {
            for (var b = 0; b < columns; b++)
            {
                var dot = 0.0;
                for (var i = 0; i < rows; i++)
                    dot += (double)panel[i * columns + a] * panel[i * columns + b];
                var expected = a == b && a != columns - 1 ? 1.0 : 0.0;
                Assert.True(Math.Abs(dot - expected) < 1e-4, $"QᵀQ[{a},{b}] = {dot}, expected {expected}");
            }
        }
        var worst = 0.0;
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < columns; c++)
            {
                var sum = 0.0;
                for (var k = 0; k < columns; k++)
                    sum += (double)panel[i * columns + k] * r[k * columns + c];
                worst = Math.Max(worst, Math.Abs(sum - original[i * columns + c]));
            }
        }
        Assert.True(worst < 1e-3, $"max |QR − A| = {worst}");
    }
}
