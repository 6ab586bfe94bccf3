namespace Recommender.Ensemble.Strategies;

/// <summary>
/// How a <see cref="LearnedRanker"/> is trained: the candidate pool (each source's top <see cref="PoolSize"/>) and
/// the LambdaMART (ML.NET FastTree ranking) hyper-parameters. Values are validated when set.
/// </summary>
public sealed record LearnedRankerOptions
{
    public LearnedRankerOptions(int poolSize = 100, int trees = 100, int leaves = 16, int minExamplesPerLeaf = 50,
        double learningRate = 0.1, int ndcgTruncation = 10, int seed = 0, int folds = 1)
    {
        Folds = folds;
        PoolSize = poolSize;
        Trees = trees;
        Leaves = leaves;
        MinExamplesPerLeaf = minExamplesPerLeaf;
        LearningRate = learningRate;
        NdcgTruncation = ndcgTruncation;
        Seed = seed;
    }

    /// <summary>Candidates taken from each source, in training and when ranking.</summary>
    public int PoolSize { get; init => field = Positive(value, nameof(PoolSize)); }

    public int Trees { get; init => field = Positive(value, nameof(Trees)); }

    public int Leaves { get; init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Leaves), value, "A tree needs at least 2 leaves."); }

    public int MinExamplesPerLeaf { get; init => field = Positive(value, nameof(MinExamplesPerLeaf)); }

    public double LearningRate
    {
        get;
        init => field = double.IsFinite(value) && value > 0 && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must lie in (0, 1].");
    }

    /// <summary>The depth LambdaMART optimises nDCG at (the evaluation's k).</summary>
    public int NdcgTruncation { get; init => field = Positive(value, nameof(NdcgTruncation)); }

    public int Seed { get; init; }

    /// <summary>
    /// Validation carves to train on (seeds 1, 2, …): each adds one query group per user, at the cost of fitting the
    /// sources once more.
    /// </summary>
    public int Folds { get; init => field = Positive(value, nameof(Folds)); }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
