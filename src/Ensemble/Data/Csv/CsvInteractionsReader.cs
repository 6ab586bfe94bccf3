namespace Recommender.Ensemble.Data.Csv;

/// <summary>Reads interactions.csv: user_id, item_id, optional weight (default 1) and timestamp (default 0).</summary>
internal static class CsvInteractionsReader
{
    public const string UserId = "user_id";
    public const string ItemId = "item_id";
    public const string Weight = "weight";
    public const string Timestamp = "timestamp";

    private static readonly string[] RequiredColumns = [UserId, ItemId];

    public static InteractionLog Read(string path, RowRejections rejections, CancellationToken cancellationToken)
    {
        using var reader = CsvFile.Open(path);
        var header = CsvHeader.Read(reader, path, RequiredColumns);
        var userColumn = header.Required(UserId);
        var itemColumn = header.Required(ItemId);
        var weightColumn = header.Optional(Weight);
        var timeColumn = header.Optional(Timestamp);

        var users = new IdMap();
        var items = new IdMap();
        // Rows of this format are rarely shorter than 24 bytes, so this guess seldom has to grow.
        var capacity = CsvFile.EstimateRows(path, 24);
        var userIndex = new List<int>(capacity);
        var itemIndex = new List<int>(capacity);
        var weights = new List<float>(capacity);
        var times = new List<long>(capacity);
        var rows = 0;
        while (CsvFile.NextWellFormedRow(reader, header, rejections, ref rows, cancellationToken))
        {
            string? problem = null;

            var user = reader.Value(userColumn);
            var item = reader.Value(itemColumn);
            var weightText = reader.Value(weightColumn);
            var timeText = reader.Value(timeColumn);
            var weight = 1f;
            var time = 0L;
            if (user.IsEmpty)
                problem = $"column '{UserId}' is empty";
            else if (item.IsEmpty)
                problem = $"column '{ItemId}' is empty";
            else if (!weightText.IsEmpty && !CsvValues.TryParseWeight(weightText, out weight))
                problem = CsvValues.Invalid(Weight, weightText, "is not a finite number");
            else if (!timeText.IsEmpty && !CsvValues.TryParseUnixSeconds(timeText, out time))
                problem = CsvValues.Invalid(Timestamp, timeText, "is neither unix seconds nor an ISO-8601 date/time");
            if (problem is not null)
            {
                rejections.Reject(reader.LineNumber, problem);
                continue;
            }

            // Ids are interned only once the whole row is known to be good, so a skipped row leaves no trace.
            userIndex.Add(users.GetOrAdd(user));
            itemIndex.Add(items.GetOrAdd(item));
            weights.Add(weight);
            times.Add(time);
        }
        return new InteractionLog(users, items, userIndex.ToArray(), itemIndex.ToArray(), weights.ToArray(), times.ToArray());
    }
}
