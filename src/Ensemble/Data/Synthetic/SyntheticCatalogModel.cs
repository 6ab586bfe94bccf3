namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// The hidden truth behind a synthetic catalog: each category has a taste centroid, each item a latent vector near
/// its category's centroid (and half-way toward an optional second category), and a popularity weight
/// ∝ rank^-exponent over a random ranking. Per category, an alias table draws items by popularity in O(1).
/// Every part is computed in fixed blocks with their own random streams, so the model does not depend on threads.
/// </summary>
internal sealed class SyntheticCatalogModel
{
    private const int BlockSize = 16_384;

    /// <summary>Spread of an item's vector around its category centroid, relative to the centroid's length.</summary>
    private const double ItemNoise = 0.5;

    /// <summary>Chance that an item also belongs to a second category.</summary>
    private const double SecondCategoryShare = 0.3;

    private SyntheticCatalogModel(int itemCount, int factors, int categoryCount)
    {
        ItemCount = itemCount;
        Factors = factors;
        CategoryCount = categoryCount;
        Centroids = new float[categoryCount * factors];
        ItemFactors = new float[(long)itemCount * factors];
        PrimaryCategory = new int[itemCount];
        SecondaryCategory = new int[itemCount];
        Popularity = new double[itemCount];
        CategoryTables = new AliasTable[categoryCount];
        CategoryByPopularity = null!;
    }

    public int ItemCount { get; }
    public int Factors { get; }
    public int CategoryCount { get; }
    public float[] Centroids { get; }
    public float[] ItemFactors { get; }
    public int[] PrimaryCategory { get; }
    /// <summary>-1 where an item has one category only.</summary>
    public int[] SecondaryCategory { get; }
    public double[] Popularity { get; }
    /// <summary>Per category, draws one of its items (primary or secondary category) by popularity.</summary>
    public AliasTable[] CategoryTables { get; }
    /// <summary>Draws a category by the total popularity of its items.</summary>
    public AliasTable CategoryByPopularity { get; private set; }

    public ReadOnlySpan<float> Centroid(int category) => Centroids.AsSpan(category * Factors, Factors);

    public ReadOnlySpan<float> ItemVector(int item) => ItemFactors.AsSpan(item * Factors, Factors);

    /// <summary>Draws an item of <paramref name="category"/> by popularity.</summary>
    public int DrawItem(int category, DeterministicRandom random) => CategoryTables[category].Sample(random);

    public static SyntheticCatalogModel Build(SyntheticOptions options, int threads, CancellationToken cancellationToken)
    {
        var model = new SyntheticCatalogModel(options.Items, options.LatentFactors, options.Categories);
        var k = options.LatentFactors;
        var unit = 1 / Math.Sqrt(k);

        // Centroids have length ≈ 1; categories differ in size (log-normal), so some are niche.
        var centroidRandom = DeterministicRandom.For(options.Seed, SyntheticStream.Centroids, 0);
        for (var i = 0; i < model.Centroids.Length; i++)
            model.Centroids[i] = (float)(centroidRandom.NextGaussian() * unit);
        var categorySize = new double[options.Categories];
        for (var c = 0; c < categorySize.Length; c++)
            categorySize[c] = Math.Exp(0.6 * centroidRandom.NextGaussian());
        var categoryBySize = new AliasTable(categorySize);

        // A random ranking, so item ids say nothing about popularity.
        var rank = new int[options.Items];
        for (var i = 0; i < rank.Length; i++)
            rank[i] = i;
        var shuffle = DeterministicRandom.For(options.Seed, SyntheticStream.Popularity, 0);
        for (var i = rank.Length - 1; i > 0; i--)
        {
            var j = shuffle.NextInt(i + 1);
            (rank[i], rank[j]) = (rank[j], rank[i]);
        }

        var blocks = (options.Items + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, block =>
        {
            var random = DeterministicRandom.For(options.Seed, SyntheticStream.ItemModel, block);
            var end = Math.Min(options.Items, (block + 1) * BlockSize);
            for (var item = block * BlockSize; item < end; item++)
            {
                model.Popularity[item] = Math.Pow(rank[item] + 1, -options.PopularityExponent);
                var primary = categoryBySize.Sample(random);
                var secondary = -1;
                if (options.Categories > 1 && random.Chance(SecondCategoryShare))
                    secondary = (primary + 1 + random.NextInt(options.Categories - 1)) % options.Categories;
                model.PrimaryCategory[item] = primary;
                model.SecondaryCategory[item] = secondary;
                var vector = model.ItemFactors.AsSpan(item * k, k);
                var centroid = model.Centroid(primary);
                for (var d = 0; d < k; d++)
                    vector[d] = (float)(centroid[d] + ItemNoise * unit * random.NextGaussian());
                if (secondary >= 0)
                {
                    var other = model.Centroid(secondary);
                    for (var d = 0; d < k; d++)
                        vector[d] += 0.5f * other[d];
                }
            }
        });

        model.BuildCategoryTables(threads, cancellationToken);
        return model;
    }

    private void BuildCategoryTables(int threads, CancellationToken cancellationToken)
    {
        var counts = new int[CategoryCount];
        for (var item = 0; item < ItemCount; item++)
        {
            counts[PrimaryCategory[item]]++;
            if (SecondaryCategory[item] >= 0)
                counts[SecondaryCategory[item]]++;
        }
        var members = new int[CategoryCount][];
        var weights = new double[CategoryCount][];
        for (var c = 0; c < CategoryCount; c++)
        {
            members[c] = new int[counts[c]];
            weights[c] = new double[counts[c]];
        }
        var filled = new int[CategoryCount];
        for (var item = 0; item < ItemCount; item++)
        {
            var primary = PrimaryCategory[item];
            members[primary][filled[primary]] = item;
            weights[primary][filled[primary]++] = Popularity[item];
            var secondary = SecondaryCategory[item];
            if (secondary >= 0)
            {
                // An item is found through its second category half as often as through its first.
                members[secondary][filled[secondary]] = item;
                weights[secondary][filled[secondary]++] = 0.5 * Popularity[item];
            }
        }

        Parallel.For(0, CategoryCount, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            c => CategoryTables[c] = new AliasTable(weights[c], members[c]));
        CategoryByPopularity = new AliasTable(weights.Select(w => w.Sum()).ToArray());
    }
}
