using Recommender.Ensemble.Data;
using Recommender.Ensemble.Evaluation;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Splits;
using Recommender.Ensemble.Strategies;
using Recommender.Ensemble.Tests.TestData;

namespace Recommender.Ensemble.Tests.Strategies;

/// <summary>The ensemble presets on the MovieLens 100K benchmark split (PROTOCOL.md), against the best single model.</summary>
public class EnsembleMovieLensTests(ITestOutputHelper output)
{
    [Fact]
    public void The_tuned_blend_beats_the_best_single_model()
    {
        var dataset = DatasetLoader.Load(MovieLensData.RequireFolder(), cancellationToken: TestContext.Current.CancellationToken).Dataset;
        var (train, test) = StratifiedSplitter.Benchmark.Split(dataset.Interactions);
        var training = new TrainingData(train, dataset.Catalog);
        var evaluator = new Evaluator(k: 10);
        var members = new Dictionary<string, IRecommender>();
        var singles = new List<EvaluationResult>();
        foreach (var name in new[] { "als", "ease", "ease-session", "multvae", "sar", "content", "rp3beta" })
        {
            var model = ModelPresets.Create(name);
            singles.Add(evaluator.FitAndEvaluate(model, training, test, name, TestContext.Current.CancellationToken));
            members[name] = model;
        }

        var ensembles = new List<EvaluationResult>();
        foreach (var name in new[] { "weighted", "rrf", "cascade" })
        {
            // Popularity (the cascade's last resort) is never reached: every user is known to ALS.
            var sources = EnsemblePresets.SourcesOf(name).Where(members.ContainsKey).Select(s => (s, members[s])).ToList();
            ensembles.Add(new EnsembleEvaluator(evaluator).Evaluate(new CandidateGenerator(sources), EnsemblePresets.Create(name),
                EnsemblePresets.PoolSizeOf(name), null, training.Matrix, test, cancellationToken: TestContext.Current.CancellationToken));
        }
        foreach (var row in singles.Concat(ensembles))
            output.WriteLine($"{row.Model,-18} nDCG@10 {row.Ndcg:F4}  MAP {row.Map:F4}  P@10 {row.Precision:F4}  R@10 {row.Recall:F4}");

        var bestSingle = singles.MaxBy(r => r.Ndcg)!;
        var weighted = ensembles.Single(r => r.Model == "ensemble:weighted");
        Assert.All(ensembles, r => Assert.Equal(943, r.Users));
        // The blend's parameters were chosen on validation carves (docs/tuning.md); on test it gains about 0.01 nDCG
        // and reaches the serving issue's goal, 0.50 (0.5001: fitting is deterministic, whatever the core count or
        // vector width).
        Assert.True(weighted.Ndcg >= bestSingle.Ndcg + 0.005, $"weighted {weighted.Ndcg:F4} vs {bestSingle.Model} {bestSingle.Ndcg:F4}");
        Assert.True(weighted.Ndcg >= 0.50, $"weighted {weighted.Ndcg:F6}");
        Assert.True(weighted.Map > bestSingle.Map);
        // With every user known to ALS, the cascade is ALS.
        Assert.Equal(singles.Single(r => r.Model == "als").Ndcg, ensembles.Single(r => r.Model == "ensemble:cascade").Ndcg, 1e-9);
    }
}
