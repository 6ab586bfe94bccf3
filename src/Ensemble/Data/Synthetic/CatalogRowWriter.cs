using System.Text;

namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// Formats items.csv rows for a block of items: generated titles (a few with commas or quotes, so consumers meet
/// real CSV quoting), the model's categories, tags leaning toward the category, prices, stock, age ratings,
/// regions and creation dates in the five years before the interaction period.
/// </summary>
internal sealed class CatalogRowWriter
{
    public const int BlockSize = 8_192;
    public static readonly byte[] Header = "item_id,title,categories,tags,price,in_stock,age_rating,regions,created_at\n"u8.ToArray();

    private const int TagsPerCategory = 6;
    private const double TagFromCategoryShare = 0.7;
    private const long FiveYears = 5L * 365 * 86_400;

    private readonly SyntheticOptions _options;
    private readonly SyntheticCatalogModel _model;
    private readonly byte[][] _categoryNames;

    public CatalogRowWriter(SyntheticOptions options, SyntheticCatalogModel model)
    {
        _options = options;
        _model = model;
        _categoryNames = Enumerable.Range(0, options.Categories)
            .Select(c => Encoding.UTF8.GetBytes(WordLists.CategoryName(c)))
            .ToArray();
    }

    public int BlockCount => (_options.Items + BlockSize - 1) / BlockSize;

    public int ItemsIn(int block) => Math.Min(_options.Items, (block + 1) * BlockSize) - block * BlockSize;

    public void Write(int block, Utf8RowBuffer rows)
    {
        var random = DeterministicRandom.For(_options.Seed, SyntheticStream.ItemRows, block);
        Span<byte> title = stackalloc byte[256];
        Span<int> tags = stackalloc int[4];
        var end = Math.Min(_options.Items, (block + 1) * BlockSize);
        for (var item = block * BlockSize; item < end; item++)
        {
            rows.Write((byte)'i');
            rows.Write(item + 1);
            rows.Write((byte)',');
            rows.WriteField(title[..ComposeTitle(title, random)]);
            rows.Write((byte)',');

            var primary = _model.PrimaryCategory[item];
            var secondary = _model.SecondaryCategory[item];
            rows.Write(_categoryNames[primary]);
            if (secondary >= 0)
            {
                rows.Write((byte)'|');
                rows.Write(_categoryNames[secondary]);
            }
            rows.Write((byte)',');

            var tagCount = DrawTags(tags, primary, random);
            for (var t = 0; t < tagCount; t++)
            {
                if (t > 0)
                    rows.Write((byte)'|');
                rows.Write(WordLists.Tags[tags[t]]);
            }
            rows.Write((byte)',');

            // Prices are log-normal around 15 and end in .99; one item in twenty has no price.
            if (!random.Chance(0.05))
            {
                var whole = (long)Math.Clamp(Math.Exp(Math.Log(15) + 0.8 * random.NextGaussian()), 0, 999);
                rows.WriteCents(whole * 100 + 99);
            }
            rows.Write((byte)',');
            rows.Write(random.Chance(0.92) ? "true"u8 : "false"u8);
            rows.Write((byte)',');
            if (!random.Chance(0.03))
                rows.Write(WordLists.AgeRatings[Pick(WordLists.AgeRatingShare, random)]);
            rows.Write((byte)',');
            WriteRegions(rows, random);
            rows.Write((byte)',');
            rows.WriteIsoUtc(_options.StartUnixSeconds - 1 - (long)(random.NextDouble() * FiveYears));
            rows.Write((byte)'\n');
        }
    }

    /// <summary>Index into <paramref name="shares"/> drawn by share (the last index takes any rounding slack).</summary>
    internal static int Pick(ReadOnlySpan<double> shares, DeterministicRandom random)
    {
        var u = random.NextDouble();
        for (var i = 0; i < shares.Length - 1; i++)
        {
            u -= shares[i];
            if (u < 0)
                return i;
        }
        return shares.Length - 1;
    }

    private static int ComposeTitle(Span<byte> title, DeterministicRandom random)
    {
        var length = 0;
        void Append(ReadOnlySpan<byte> part, Span<byte> into)
        {
            part.CopyTo(into[length..]);
            length += part.Length;
        }
        ReadOnlySpan<byte> Adjective() => WordLists.Adjectives[random.NextInt(WordLists.Adjectives.Length)];
        ReadOnlySpan<byte> Noun() => WordLists.Nouns[random.NextInt(WordLists.Nouns.Length)];

        switch (random.NextInt(5))
        {
            case 0:
                Append("The "u8, title);
                // Now and then a quoted word, as in: The "Silent" Garden.
                if (random.Chance(0.02))
                {
                    Append("\""u8, title);
                    Append(Adjective(), title);
                    Append("\""u8, title);
                }
                else
                {
                    Append(Adjective(), title);
                }
                Append(" "u8, title);
                Append(Noun(), title);
                break;
            case 1:
                Append(Adjective(), title);
                Append(" "u8, title);
                Append(Noun(), title);
                break;
            case 2:
                Append(Noun(), title);
                Append(" of the "u8, title);
                Append(Adjective(), title);
                Append(" "u8, title);
                Append(Noun(), title);
                break;
            case 3:
                Append("The "u8, title);
                Append(Noun(), title);
                Append("'s "u8, title);
                Append(Noun(), title);
                break;
            default:
                Append(Adjective(), title);
                Append(" "u8, title);
                Append(Noun(), title);
                Append(" "u8, title);
                Append([(byte)('2' + random.NextInt(8))], title);
                break;
        }
        if (random.Chance(0.03))
        {
            Append(", Part "u8, title);
            Append([(byte)('2' + random.NextInt(5))], title);
        }
        return length;
    }

    /// <summary>One to four distinct tags, most from the handful that characterise the item's category.</summary>
    private static int DrawTags(Span<int> tags, int category, DeterministicRandom random)
    {
        var wanted = 1 + random.NextInt(tags.Length);
        var count = 0;
        for (var t = 0; t < wanted; t++)
        {
            var tag = random.Chance(TagFromCategoryShare)
                ? (category * 7 + random.NextInt(TagsPerCategory) * 11) % WordLists.Tags.Length
                : random.NextInt(WordLists.Tags.Length);
            if (!tags[..count].Contains(tag))
                tags[count++] = tag;
        }
        return count;
    }

    private static void WriteRegions(Utf8RowBuffer rows, DeterministicRandom random)
    {
        var any = false;
        for (var r = 0; r < WordLists.Regions.Length; r++)
        {
            if (!random.Chance(WordLists.RegionShare[r]))
                continue;
            if (any)
                rows.Write((byte)'|');
            rows.Write(WordLists.Regions[r]);
            any = true;
        }
        if (!any)
            rows.Write(WordLists.Regions[0]);
    }
}
