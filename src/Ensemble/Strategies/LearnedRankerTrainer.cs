using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Recommender.Ensemble.Data;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Tuning;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// Trains a <see cref="LearnedRanker"/> with LambdaMART (ML.NET FastTree ranking). The protocol keeps the test split
/// out of it: a validation split is carved from train (<see cref="HyperParameterSearch.CarveValidation"/>; several
/// with <see cref="LearnedRankerOptions.Folds"/>), the base models are fitted on the inner train part, every
/// validation user's candidate pool is built from them, and an item is labelled 1 when it is in that user's
/// validation items (group = user, one group per user and carve). The caller then refits the base models on the
/// whole train split and ranks with the result, with <see cref="RankingFeatureSource"/> of the whole train split.
/// </summary>
public static class LearnedRankerTrainer
{
    /// <summary>
    /// The whole protocol: carve <see cref="LearnedRankerOptions.Folds"/> validation splits from <paramref name="train"/>
    /// (seeds 1, 2, …), fit each source (and the optional content model used only for the content-similarity
    /// feature) on each inner train part, and train on the validation users of all of them.
    /// </summary>
    public static LearnedRanker Train(IReadOnlyList<(string Name, Func<IRecommender> Create)> sources, TrainingData train,
        LearnedRankerOptions options, Func<ContentRecommender>? content = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var folds = new List<RankerTrainingFold>(options.Folds);
        for (var f = 0; f < options.Folds; f++)
        {
            var (innerLog, validation) = HyperParameterSearch.CarveValidation(train.Log, seed: HyperParameterSearch.ValidationSeed + f);
            var inner = new TrainingData(innerLog, train.Catalog);
            var fitted = new List<(string, IRecommender)>(sources.Count);
            ContentRecommender? contentModel = null;
            foreach (var (name, create) in sources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var model = create();
                model.Fit(inner, cancellationToken);
                fitted.Add((name, model));
                contentModel ??= model as ContentRecommender;
            }
            if (content is not null)
            {
                contentModel = content();
                contentModel.Fit(inner, cancellationToken);
            }
            folds.Add(new RankerTrainingFold(new CandidateGenerator(fitted), RankingFeatureSource.FromTraining(inner, contentModel), validation));
        }
        return Train(folds, options, cancellationToken);
    }

    /// <summary>
    /// Trains on <paramref name="validation"/>'s users, with candidates from <paramref name="generator"/>'s models
    /// (fitted on data without the validation rows) and <paramref name="features"/> of that same data.
    /// Users whose pool holds none of their validation items teach nothing and are left out.
    /// </summary>
    public static LearnedRanker Train(CandidateGenerator generator, RankingFeatureSource features, InteractionLog validation,
        LearnedRankerOptions options, CancellationToken cancellationToken = default) =>
        Train([new RankerTrainingFold(generator, features, validation)], options, cancellationToken);

    /// <summary>
    /// Trains on the validation users of several folds at once (each fold's models fitted without its validation
    /// rows); more folds give LambdaMART more query groups. Every fold's generator must name the same sources in
    /// the same order.
    /// </summary>
    public static LearnedRanker Train(IReadOnlyList<RankerTrainingFold> folds, LearnedRankerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(options);
        if (folds.Count == 0)
            throw new ArgumentException("Give at least one fold.", nameof(folds));
        var layout = new RankingFeatureLayout([.. folds[0].Generator.Names]);
        var groups = new List<Group>();
        foreach (var fold in folds)
        {
            if (!fold.Generator.Names.SequenceEqual(layout.Sources, StringComparer.Ordinal))
                throw new ArgumentException($"Every fold needs the sources [{string.Join(", ", layout.Sources)}].", nameof(folds));
            groups.AddRange(BuildGroups(fold.Generator, fold.Features, fold.Validation, layout, options.PoolSize, cancellationToken));
        }
        var rows = groups.Sum(g => g.Labels.Length);
        if (rows == 0)
            throw new InvalidOperationException("No validation user has a validation item among the candidates: nothing to learn from.");
        var trees = Fit(groups, layout.Count, options, cancellationToken);
        return new LearnedRanker(layout, trees, options, groups.Count, rows);
    }

    /// <summary>One user's pool: row-major features and 0/1 labels.</summary>
    internal sealed record Group(float[] Features, float[] Labels);

    private static List<Group> BuildGroups(CandidateGenerator generator, RankingFeatureSource features, InteractionLog validation,
        RankingFeatureLayout layout, int poolSize, CancellationToken cancellationToken)
    {
        var relevant = new Dictionary<int, HashSet<int>>();
        for (var row = 0; row < validation.Count; row++)
        {
            if (!relevant.TryGetValue(validation.UserIndex[row], out var items))
                relevant[validation.UserIndex[row]] = items = [];
            items.Add(validation.ItemIndex[row]);
        }
        var users = relevant.Keys.Order().ToArray();
        var history = generator.Models[0].Model.Interactions;
        var groups = new Group?[users.Length];
        Parallel.For(0, users.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var user = users[i];
            var lists = generator.For(user, poolSize);
            var pool = CandidatePool.Build(lists);
            var labels = new float[pool.Count];
            var positives = 0;
            for (var row = 0; row < pool.Count; row++)
            {
                if (relevant[user].Contains(pool.Items[row]))
                {
                    labels[row] = 1;
                    positives++;
                }
            }
            if (positives == 0)
                return;
            var userHistory = (uint)user < (uint)history.UserCount ? history.ItemsOf(user).ToArray() : [];
            var context = new StrategyContext(user, userHistory, features);
            groups[i] = new Group(layout.Build(lists, pool, context), labels);
        });
        return [.. groups.OfType<Group>()];
    }

    internal static BoostedTrees Fit(IReadOnlyList<Group> groups, int featureCount, LearnedRankerOptions options, CancellationToken cancellationToken)
    {
        var model = FitMlNet(new MLContext(options.Seed), groups, featureCount, options, cancellationToken);
        return BoostedTrees.FromMlNet(model.LastTransformer.Model.TrainedTreeEnsemble, featureCount);
    }

    /// <summary>The groups as an ML.NET data view: Label (float), Group (uint), Features (float vector).</summary>
    internal static IDataView ToDataView(MLContext ml, IReadOnlyList<Group> groups, int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(RankingRow));
        schema[nameof(RankingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return ml.Data.LoadFromEnumerable(Rows(groups, featureCount), schema);
    }

    internal static TransformerChain<RankingPredictionTransformer<FastTreeRankingModelParameters>> FitMlNet(
        MLContext ml, IReadOnlyList<Group> groups, int featureCount, LearnedRankerOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var data = ToDataView(ml, groups, featureCount);
        // Labels stay float grades; only the group id is key-mapped (MapValueToKey on the label would scramble grades).
        var pipeline = ml.Transforms.Conversion.MapValueToKey(GroupKeyColumn, nameof(RankingRow.Group))
            .Append(ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
            {
                LabelColumnName = nameof(RankingRow.Label),
                FeatureColumnName = nameof(RankingRow.Features),
                RowGroupColumnName = GroupKeyColumn,
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
                LearningRate = options.LearningRate,
                NdcgTruncationLevel = options.NdcgTruncation,
                Seed = options.Seed,
            }));
        var model = pipeline.Fit(data);
        cancellationToken.ThrowIfCancellationRequested();
        return model;
    }

    private const string GroupKeyColumn = "GroupKey";

    private static IEnumerable<RankingRow> Rows(IReadOnlyList<Group> groups, int featureCount)
    {
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            for (var row = 0; row < group.Labels.Length; row++)
            {
                yield return new RankingRow
                {
                    Label = group.Labels[row],
                    Group = (uint)g,
                    Features = group.Features.AsSpan(row * featureCount, featureCount).ToArray(),
                };
            }
        }
    }

    /// <summary>One candidate as ML.NET sees it; rows of a group are contiguous, as FastTree ranking requires.</summary>
    private sealed class RankingRow
    {
        public float Label { get; set; }

        public uint Group { get; set; }

        public float[] Features { get; set; } = [];
    }
}
