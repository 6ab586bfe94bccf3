using System.Globalization;
using System.Text;

namespace Recommender.Ensemble.Data;

/// <summary>
/// Reads a MovieLens 100K folder: u.data (user, item, rating, timestamp; tab-separated), u.item (Latin-1,
/// '|'-separated, 19 genre flags named by u.genre) and u.user (id|age|gender|occupation|zip).
/// Any malformed line fails with <see cref="DataFormatException"/> naming file and line.
/// </summary>
public static class MovieLensLoader
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <summary>Whether <paramref name="folder"/> looks like MovieLens 100K.</summary>
    public static bool IsMovieLensFolder(string folder) => File.Exists(Path.Combine(folder, "u.data"));

    public static Dataset Load(string folder)
    {
        var interactions = LoadInteractions(Path.Combine(folder, "u.data"));
        var genres = LoadGenres(Path.Combine(folder, "u.genre"));
        var itemFile = Path.Combine(folder, "u.item");
        var catalog = File.Exists(itemFile) ? LoadCatalog(itemFile, genres) : Catalog.Empty;
        var userFile = Path.Combine(folder, "u.user");
        var users = File.Exists(userFile) ? LoadUsers(userFile) : new Dictionary<string, UserProfile>();
        return new Dataset("ml-100k", interactions, catalog, users);
    }

    public static InteractionLog LoadInteractions(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, 0, "file not found");
        var users = new IdMap();
        var items = new IdMap();
        var userIndex = new List<int>(100_000);
        var itemIndex = new List<int>(100_000);
        var weights = new List<float>(100_000);
        var times = new List<long>(100_000);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Latin1))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 4)
                throw new DataFormatException(path, lineNumber, $"expected 4 tab-separated fields (user, item, rating, timestamp), found {fields.Length}");
            RequireInteger(fields[0], path, lineNumber, "user id");
            RequireInteger(fields[1], path, lineNumber, "item id");
            if (!float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating) || !float.IsFinite(rating))
                throw new DataFormatException(path, lineNumber, $"rating '{fields[2]}' is not a number");
            if (!long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
                throw new DataFormatException(path, lineNumber, $"timestamp '{fields[3]}' is not an integer");
            userIndex.Add(users.GetOrAdd(fields[0]));
            itemIndex.Add(items.GetOrAdd(fields[1]));
            weights.Add(rating);
            times.Add(timestamp);
        }
        return new InteractionLog(users, items, userIndex.ToArray(), itemIndex.ToArray(), weights.ToArray(), times.ToArray());
    }

    private static string[] LoadGenres(string path)
    {
        var genres = new SortedDictionary<int, string>();
        if (!File.Exists(path))
            return [];
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Latin1))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            var fields = line.Split('|');
            if (fields.Length != 2 || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var index))
                throw new DataFormatException(path, lineNumber, "expected 'name|index'");
            genres[index] = fields[0];
        }
        return genres.Values.ToArray();
    }

    private static Catalog LoadCatalog(string path, string[] genres)
    {
        var items = new List<CatalogItem>(1_700);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Latin1))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var fields = line.Split('|');
            if (fields.Length != 5 + 19)
                throw new DataFormatException(path, lineNumber, $"expected 24 '|'-separated fields (id, title, release date, video release date, URL, 19 genre flags), found {fields.Length}");
            RequireInteger(fields[0], path, lineNumber, "item id");
            var categories = new List<string>();
            for (var g = 0; g < 19; g++)
            {
                var flag = fields[5 + g];
                if (flag is not ("0" or "1"))
                    throw new DataFormatException(path, lineNumber, $"genre flag {g + 1} is '{flag}', expected 0 or 1");
                if (flag == "1")
                    categories.Add(g < genres.Length ? genres[g] : $"genre{g}");
            }
            DateTimeOffset? released = null;
            if (fields[2].Length > 0)
            {
                if (!DateTime.TryParseExact(fields[2], "d-MMM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
                    throw new DataFormatException(path, lineNumber, $"release date '{fields[2]}' is not d-MMM-yyyy");
                released = new DateTimeOffset(date, TimeSpan.Zero);
            }
            items.Add(new CatalogItem(fields[0], fields[1], categories, [], Price: null, InStock: true, AgeRating: null, Regions: [], released));
        }
        return new Catalog(items);
    }

    private static Dictionary<string, UserProfile> LoadUsers(string path)
    {
        var users = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Latin1))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var fields = line.Split('|');
            if (fields.Length != 5)
                throw new DataFormatException(path, lineNumber, $"expected 5 '|'-separated fields (id, age, gender, occupation, zip), found {fields.Length}");
            RequireInteger(fields[0], path, lineNumber, "user id");
            if (!int.TryParse(fields[1], CultureInfo.InvariantCulture, out var age))
                throw new DataFormatException(path, lineNumber, $"age '{fields[1]}' is not an integer");
            if (!users.TryAdd(fields[0], new UserProfile(fields[0], age, fields[2], fields[3], Country: "US", Segments: [])))
                throw new DataFormatException(path, lineNumber, $"duplicate user id '{fields[0]}'");
        }
        return users;
    }

    private static void RequireInteger(string value, string path, int line, string what)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new DataFormatException(path, line, $"{what} '{value}' is not a non-negative integer");
    }
}
