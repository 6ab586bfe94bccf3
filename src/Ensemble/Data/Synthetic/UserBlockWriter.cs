using System.Text;

namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// Generates a block of users: each gets one to three favourite categories (popular categories have more fans),
/// a taste vector near those categories' centroids, and their allotted number of distinct items. Each draw picks a
/// category (a favourite, or any by popularity when exploring), draws a few candidates from it by popularity and
/// keeps the one the user's taste matches best — popularity × affinity without ever scanning the catalog.
/// Ratings (or counts) grow with the match; times fall in a per-user active window and are written in order.
/// </summary>
internal sealed class UserBlockWriter
{
    public const int BlockSize = 1_024;
    public static readonly byte[] UsersHeader = "user_id,age,gender,occupation,country,segments\n"u8.ToArray();
    public static readonly byte[] InteractionsHeader = "user_id,item_id,weight,timestamp\n"u8.ToArray();

    private const double UserNoise = 0.5;
    private const int DrawAttempts = 16;
    private const double PremiumShare = 0.1;

    private readonly SyntheticOptions _options;
    private readonly SyntheticCatalogModel _model;
    private readonly int[] _interactionCounts;
    private readonly double _meanCount;
    private readonly byte[][] _fanSegments;

    public UserBlockWriter(SyntheticOptions options, SyntheticCatalogModel model, int[] interactionCounts)
    {
        _options = options;
        _model = model;
        _interactionCounts = interactionCounts;
        _meanCount = (double)options.Interactions / options.Users;
        _fanSegments = Enumerable.Range(0, options.Categories)
            .Select(c => Encoding.UTF8.GetBytes("fan-" + WordLists.Slug(WordLists.CategoryName(c))))
            .ToArray();
    }

    public int BlockCount => (_options.Users + BlockSize - 1) / BlockSize;

    /// <summary>Interaction rows block <paramref name="block"/> writes.</summary>
    public long InteractionsIn(int block)
    {
        long sum = 0;
        var end = Math.Min(_options.Users, (block + 1) * BlockSize);
        for (var u = block * BlockSize; u < end; u++)
            sum += _interactionCounts[u];
        return sum;
    }

    public void Write(int block, Utf8RowBuffer users, Utf8RowBuffer interactions)
    {
        var random = DeterministicRandom.For(_options.Seed, SyntheticStream.Users, block);
        var k = _options.LatentFactors;
        var taste = new float[k];
        var chosen = new HashSet<int>();
        var items = new List<int>();
        var weights = new List<int>();
        Span<int> favourites = stackalloc int[3];
        Span<double> favouriteShares = stackalloc double[3];
        Span<int> candidates = stackalloc int[_options.CandidatesPerDraw];
        Span<float> affinities = stackalloc float[_options.CandidatesPerDraw];
        var period = _options.Days * 86_400L;

        var end = Math.Min(_options.Users, (block + 1) * BlockSize);
        for (var user = block * BlockSize; user < end; user++)
        {
            var favouriteCount = DrawFavourites(favourites, favouriteShares, random);
            ComposeTaste(taste, favourites[..favouriteCount], favouriteShares[..favouriteCount], random);

            chosen.Clear();
            items.Clear();
            weights.Clear();
            var count = _interactionCounts[user];
            for (var n = 0; n < count; n++)
            {
                var item = DrawItem(taste, favourites[..favouriteCount], favouriteShares[..favouriteCount], chosen, candidates, affinities, random, out var affinity);
                chosen.Add(item);
                items.Add(item);
                weights.Add(Weight(affinity, random));
            }

            // Active from a random day in the period for a random part of what remains of it.
            var firstActive = (long)(random.NextDouble() * 0.9 * period);
            var activeSpan = (long)((period - firstActive) * (0.1 + 0.9 * random.NextDouble()));
            var times = new long[count];
            var order = new int[count];
            for (var n = 0; n < count; n++)
            {
                times[n] = _options.StartUnixSeconds + firstActive + (long)(random.NextDouble() * activeSpan);
                order[n] = n;
            }
            Array.Sort(times, order);

            for (var n = 0; n < count; n++)
            {
                interactions.Write((byte)'u');
                interactions.Write(user + 1);
                interactions.Write(",i"u8);
                interactions.Write(items[order[n]] + 1);
                interactions.Write((byte)',');
                interactions.Write(weights[order[n]]);
                interactions.Write((byte)',');
                interactions.Write(times[n]);
                interactions.Write((byte)'\n');
            }

            WriteUser(users, user, count, favourites[0], isNew: firstActive >= 0.8 * period, random);
        }
    }

    private int DrawFavourites(Span<int> favourites, Span<double> shares, DeterministicRandom random)
    {
        var wanted = 1 + (random.Chance(0.5) ? 1 : 0) + (random.Chance(0.2) ? 1 : 0);
        var count = 0;
        var total = 0.0;
        for (var f = 0; f < wanted; f++)
        {
            var category = _model.CategoryByPopularity.Sample(random);
            if (favourites[..count].Contains(category))
                continue;
            favourites[count] = category;
            // The first favourite weighs most.
            shares[count] = 1.0 / (1 + f) * (0.5 + random.NextDouble());
            total += shares[count];
            count++;
        }
        for (var f = 0; f < count; f++)
            shares[f] /= total;
        return count;
    }

    private void ComposeTaste(Span<float> taste, ReadOnlySpan<int> favourites, ReadOnlySpan<double> shares, DeterministicRandom random)
    {
        var unit = 1 / Math.Sqrt(taste.Length);
        for (var d = 0; d < taste.Length; d++)
            taste[d] = (float)(UserNoise * unit * random.NextGaussian());
        for (var f = 0; f < favourites.Length; f++)
        {
            var centroid = _model.Centroid(favourites[f]);
            var share = (float)shares[f];
            for (var d = 0; d < taste.Length; d++)
                taste[d] += share * centroid[d];
        }
    }

    private int DrawItem(
        ReadOnlySpan<float> taste, ReadOnlySpan<int> favourites, ReadOnlySpan<double> shares, HashSet<int> chosen,
        Span<int> candidates, Span<float> affinities, DeterministicRandom random, out float affinity)
    {
        for (var attempt = 0; attempt < DrawAttempts; attempt++)
        {
            var category = random.Chance(_options.ExplorationShare)
                ? _model.CategoryByPopularity.Sample(random)
                : favourites[CatalogRowWriter.Pick(shares, random)];
            // Three passes rather than one: the candidates' table and vector reads do not depend on each other,
            // so the processor overlaps their cache misses instead of waiting for each in turn.
            for (var c = 0; c < candidates.Length; c++)
                candidates[c] = _model.DrawItem(category, random);
            for (var c = 0; c < candidates.Length; c++)
                affinities[c] = Affinity(taste, candidates[c]);
            var best = -1;
            var bestAffinity = float.NegativeInfinity;
            for (var c = 0; c < candidates.Length; c++)
            {
                if (affinities[c] > bestAffinity && !chosen.Contains(candidates[c]))
                {
                    best = candidates[c];
                    bestAffinity = affinities[c];
                }
            }
            if (best >= 0)
            {
                affinity = bestAffinity;
                return best;
            }
        }

        // The user has already taken what these categories readily offer (tiny catalogs): take the next free item.
        var start = random.NextInt(_model.ItemCount);
        for (var step = 0; step < _model.ItemCount; step++)
        {
            var item = (start + step) % _model.ItemCount;
            if (!chosen.Contains(item))
            {
                affinity = Affinity(taste, item);
                return item;
            }
        }
        throw new InvalidOperationException("A user was allotted more interactions than there are items.");
    }

    /// <summary>Dot product in a fixed order, so that the result, and with it the data, is the same on any CPU.</summary>
    private float Affinity(ReadOnlySpan<float> taste, int item)
    {
        var vector = _model.ItemVector(item);
        var sum = 0f;
        for (var d = 0; d < taste.Length; d++)
            sum += taste[d] * vector[d];
        return sum;
    }

    private int Weight(float affinity, DeterministicRandom random)
    {
        if (_options.Weights == SyntheticWeights.Ratings)
            return (int)Math.Clamp(Math.Round(2.4 + 1.6 * affinity + 0.8 * random.NextGaussian()), 1, 5);
        // Repeat events: geometric with a mean that grows with the match.
        var mean = 0.5 + 2 * Math.Max(affinity, 0);
        var repeats = Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(mean / (1 + mean)));
        return 1 + (int)Math.Min(repeats, 98);
    }

    private void WriteUser(Utf8RowBuffer users, int user, int count, int topFavourite, bool isNew, DeterministicRandom random)
    {
        users.Write((byte)'u');
        users.Write(user + 1);
        users.Write((byte)',');
        if (!random.Chance(0.03))
            users.Write((long)Math.Clamp(Math.Round(34 + 12 * random.NextGaussian()), 13, 90));
        users.Write((byte)',');
        if (!random.Chance(0.05))
            users.Write(WordLists.Genders[CatalogRowWriter.Pick(WordLists.GenderShare, random)]);
        users.Write((byte)',');
        if (!random.Chance(0.05))
            users.Write(WordLists.Occupations[random.NextInt(WordLists.Occupations.Length)]);
        users.Write((byte)',');
        if (!random.Chance(0.02))
            users.Write(WordLists.Countries[CatalogRowWriter.Pick(WordLists.CountryShare, random)]);
        users.Write((byte)',');

        if (random.Chance(PremiumShare))
            users.Write("premium|"u8);
        users.Write(_fanSegments[topFavourite]);
        if (count >= 3 * _meanCount)
            users.Write("|heavy"u8);
        else if (count <= Math.Max(1, _meanCount / 4))
            users.Write("|light"u8);
        if (isNew)
            users.Write("|new"u8);
        users.Write((byte)'\n');
    }
}
