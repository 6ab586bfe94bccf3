using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Models;

/// <summary>Reproduces rows of the Microsoft Recommenders MovieLens 100K table (../shared/PROTOCOL.md).</summary>
public class MovieLensBenchmarkTests(ITestOutputHelper output)
{
    private static (TrainingData Train, InteractionLog Test) BenchmarkSplit()
    {
        var log = MovieLensLoader.LoadInteractions(Path.Combine(MovieLensData.RequireFolder(), "u.data"));
        var (train, test) = StratifiedSplitter.Benchmark.Split(log);
        return (new TrainingData(train), test);
    }

    private EvaluationResult Run(IRecommender model)
    {
        var (train, test) = BenchmarkSplit();
        var result = new Evaluator(k: 10).FitAndEvaluate(model, train, test, cancellationToken: TestContext.Current.CancellationToken);
        output.WriteLine(result.ToString());
        return result;
    }

    [Fact]
    public void Sar_with_the_benchmark_settings_reproduces_the_published_row()
    {
        var result = Run(new SarRecommender(new SarOptions(SimilarityType.Jaccard, timeDecayHalfLifeDays: 30, timeDecay: true)));

        // Published: MAP 0.114038, nDCG@10 0.393819, P@10 0.340615, R@10 0.185377.
        Assert.Equal(943, result.Users);
        Assert.InRange(result.Ndcg, 0.393819 - 0.005, 0.393819 + 0.005);
        Assert.InRange(result.Map, 0.114038 - 0.005, 0.114038 + 0.005);
        Assert.InRange(result.Precision, 0.340615 - 0.005, 0.340615 + 0.005);
        Assert.InRange(result.Recall, 0.185377 - 0.005, 0.185377 + 0.005);
    }

    [Fact]
    public void Most_popular_is_close_to_the_reference_row()
    {
        var result = Run(new PopularityRecommender());

        // Reference ("most popular", run here): nDCG@10 0.2524, MAP 0.0560, P@10 0.2287, R@10 0.1132.
        // Looser: the order among equally popular items is not specified.
        Assert.InRange(result.Ndcg, 0.2524 - 0.01, 0.2524 + 0.01);
        Assert.InRange(result.Map, 0.0560 - 0.01, 0.0560 + 0.01);
        Assert.InRange(result.Precision, 0.2287 - 0.01, 0.2287 + 0.01);
        Assert.InRange(result.Recall, 0.1132 - 0.01, 0.1132 + 0.01);
    }
}
