using Recommender.Ensemble.Evaluation;

namespace Recommender.Ensemble.Tests.Evaluation;

public class PairedDifferenceTests
{
    private static EvaluationResult Result(string model, params double[] userNdcg) =>
        new(model, 0, 0, userNdcg.Average(), 0, 0, 0, userNdcg.Length, 0, 0, userNdcg);

    [Fact]
    public void Mean_and_standard_error_of_the_per_user_differences()
    {
        // Differences 0.25, 0.5, −0.5: mean 1/12; deviations 1/6, 5/12, −7/12 give squares summing to 13/24, sample
        // variance 13/48, standard error √(13/48 / 3) = √13 / 12.
        var a = Result("a", 0.5, 1, 0);
        var b = Result("b", 0.25, 0.5, 0.5);

        var difference = PairedDifference.OfNdcg(a, b);

        Assert.Equal(1.0 / 12, difference.Mean, 12);
        Assert.Equal(Math.Sqrt(13) / 12, difference.StandardError, 12);
        Assert.Equal(3, difference.Users);
        Assert.Equal(-difference.Mean, PairedDifference.OfNdcg(b, a).Mean, 12);
    }

    [Fact]
    public void Pairing_removes_what_both_models_share()
    {
        // B is A lowered by 0.1 for every user: the users' spread is large, the paired difference has none.
        var a = Result("a", 0.9, 0.1, 0.6, 0.3);
        var b = Result("b", 0.8, 0.0, 0.5, 0.2);

        var difference = PairedDifference.OfNdcg(a, b);

        Assert.Equal(0.1, difference.Mean, 12);
        Assert.Equal(0, difference.StandardError, 12);
        Assert.True(a.NdcgStandardError > 0.1);
    }

    [Fact]
    public void Models_evaluated_on_different_users_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PairedDifference.OfNdcg(Result("als", 0.5, 0.4), Result("ease", 0.5)));

        Assert.Contains("als was evaluated on 2 users and ease on 1", error.Message);
    }

    [Fact]
    public void Fewer_than_two_values_have_no_standard_error()
    {
        Assert.Equal(0, PairedDifference.StandardErrorOfMean([]));
        Assert.Equal(0, PairedDifference.StandardErrorOfMean([0.7]));
    }
}
