namespace Recommender.Ensemble.Data.Csv;

/// <summary>Reads users.csv: user_id is required; age, gender, occupation, country and segments may be absent or empty.</summary>
internal static class CsvUsersReader
{
    public const string UserId = "user_id";
    public const string Age = "age";
    public const string Gender = "gender";
    public const string Occupation = "occupation";
    public const string Country = "country";
    public const string Segments = "segments";

    private static readonly string[] RequiredColumns = [UserId];

    public static Dictionary<string, UserProfile> Read(string path, RowRejections rejections, CancellationToken cancellationToken)
    {
        using var reader = CsvFile.Open(path);
        var header = CsvHeader.Read(reader, path, RequiredColumns);
        var idColumn = header.Required(UserId);
        var ageColumn = header.Optional(Age);
        var genderColumn = header.Optional(Gender);
        var occupationColumn = header.Optional(Occupation);
        var countryColumn = header.Optional(Country);
        var segmentsColumn = header.Optional(Segments);

        var pool = new StringPool();
        var users = new Dictionary<string, UserProfile>(CsvFile.EstimateRows(path, 32), StringComparer.Ordinal);
        var usersBySpan = users.GetAlternateLookup<ReadOnlySpan<char>>();
        var rows = 0;
        while (CsvFile.NextWellFormedRow(reader, header, rejections, ref rows, cancellationToken))
        {
            string? problem = null;

            var id = reader.Value(idColumn);
            var ageText = reader.Value(ageColumn);
            var age = 0;
            if (id.IsEmpty)
                problem = $"column '{UserId}' is empty";
            else if (usersBySpan.ContainsKey(id))
                problem = CsvValues.Invalid(UserId, id, "repeats a user id of an earlier row");
            else if (!ageText.IsEmpty && !CsvValues.TryParseAge(ageText, out age))
                problem = CsvValues.Invalid(Age, ageText, $"is not a whole number of years from 0 to {CsvValues.MaxAge}");
            if (problem is not null)
            {
                rejections.Reject(reader.LineNumber, problem);
                continue;
            }

            var userId = id.ToString();
            users.Add(userId, new UserProfile(
                userId,
                ageText.IsEmpty ? null : age,
                OrNull(reader.Value(genderColumn), pool),
                OrNull(reader.Value(occupationColumn), pool),
                OrNull(reader.Value(countryColumn), pool),
                CsvValues.SplitList(reader.Value(segmentsColumn), pool)));
        }
        return users;
    }

    private static string? OrNull(ReadOnlySpan<char> value, StringPool pool) => value.IsEmpty ? null : pool.Get(value);
}
